import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { trustProxySetting } from './trust-proxy.ts';

describe('TRUST_PROXY', () => {
  it('is off unless set', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '' }).TRUST_PROXY).toBe(false);
  });

  it('reads false, true, a hop count and a list of addresses and ranges', () => {
    expect(trustProxySetting.parse('false')).toBe(false);
    expect(trustProxySetting.parse('0')).toBe(false);
    expect(trustProxySetting.parse('true')).toBe(true);
    expect(trustProxySetting.parse('2')).toBe(2);
    expect(trustProxySetting.parse(' 10.0.0.0/8, 127.0.0.1 ,::1,fd00::/8,loopback')).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8', 'loopback']);
  });

  it('refuses anything else, naming the variable, the bad entry and what would do', () => {
    for (const bad of ['yes', '10.0.0.0/33', '10.0.0/8', 'proxy.example', '::1/129', '10.0.0.1/8/2', ',']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY: .*(is not an address or CIDR range|is empty): use false, true, a hop count/);
    }
  });
});
