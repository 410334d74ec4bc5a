import { describe, expect, it } from 'vitest';
import { addressRefusal, classifyAddress, parseIPv4, parseIPv6, webhookUrlRefusal } from './network-address.ts';

const strict = { allowPrivate: false };
const lenient = { allowPrivate: true };

describe('parsing IP addresses', () => {
  it('reads IPv4 in the forms inet_aton accepts', () => {
    const loopback = 0x7f000001;
    for (const text of ['127.0.0.1', '2130706433', '0x7f000001', '0X7F000001', '0177.0.0.1', '0x7f.1', '127.1', '127.0.1', '127.0.0.1.']) {
      expect(parseIPv4(text), text).toBe(loopback);
    }
    expect(parseIPv4('0')).toBe(0);
    expect(parseIPv4('255.255.255.255')).toBe(0xffffffff);
  });

  it('refuses what is not an IPv4 address', () => {
    for (const text of ['', 'example.com', '1.2.3.4.5', '256.1.1.1', '4294967296', '1.2.3.256', '08.1.1.1', '1..2', 'abc', '1.2.3.x']) {
      expect(parseIPv4(text), text).toBeNull();
    }
  });

  it('reads IPv6 with ::, brackets, zones and a dotted tail', () => {
    expect(parseIPv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('[::1]')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIPv6('::ffff:127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(parseIPv6('fe80::1%eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('2001:db8:0:0:0:0:0:1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    for (const text of ['1:2:3', '1::2::3', '1:2:3:4:5:6:7:8:9', '::1.2.3', 'g::1', '127.0.0.1', '1:2:3:4:5:6:7::8']) {
      expect(parseIPv6(text), text).toBeNull();
    }
  });
});

describe('classifying addresses', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['0x7f000001', 'loopback'],
    ['2130706433', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'link_local'],
    ['169.254.169.254', 'metadata'],
    ['0xa9fea9fe', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['100.64.0.1', 'shared'],
    ['0.0.0.0', 'unspecified'],
    ['0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:0808:0808::1', 'public'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fd00:ec2::254', 'metadata'],
    ['fe80::1', 'link_local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2001::1', 'reserved'],
    ['100::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001::200e', 'public'],
  ])('%s is %s', (text, kind) => {
    expect(classifyAddress(text)).toBe(kind);
  });

  it('is null for a host name', () => {
    expect(classifyAddress('example.com')).toBeNull();
    expect(classifyAddress('localhost')).toBeNull();
  });

  it('refuses private addresses unless allowed, and metadata or multicast always', () => {
    expect(addressRefusal('8.8.8.8', strict)).toBeNull();
    expect(addressRefusal('10.0.0.1', strict)).toBe('10.0.0.1, a private-network address (private targets need ALERT_WEBHOOK_ALLOW_PRIVATE=true)');
    expect(addressRefusal('10.0.0.1', lenient)).toBeNull();
    expect(addressRefusal('127.0.0.1', lenient)).toBeNull();
    expect(addressRefusal('::1', lenient)).toBeNull();
    expect(addressRefusal('169.254.169.254', lenient)).toBe("169.254.169.254, a cloud metadata service's address");
    expect(addressRefusal('224.0.0.1', lenient)).toMatch(/multicast/);
  });
});

describe('webhook URLs', () => {
  it('takes public http(s) URLs and host names (their addresses are checked at delivery)', () => {
    expect(webhookUrlRefusal('https://hooks.example.com/brand', strict)).toBeNull();
    expect(webhookUrlRefusal('http://8.8.8.8:8080/x', strict)).toBeNull();
    expect(webhookUrlRefusal('https://[2606:4700:4700::1111]/x', strict)).toBeNull();
  });

  it('refuses loopback, private, link-local and metadata targets in any notation', () => {
    for (const url of [
      'http://127.0.0.1:6379/',
      'http://0x7f000001/',
      'http://2130706433/',
      'http://0177.0.0.1/',
      'http://127.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[0:0:0:0:0:0:0:1]/',
      'http://localhost:3000/',
      'http://LOCALHOST./',
      'http://api.localhost/',
      'http://10.0.0.5/',
      'http://192.168.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/',
      'http://0.0.0.0:5432/',
      'http://[fe80::1]/',
    ]) {
      expect(webhookUrlRefusal(url, strict), url).toMatch(/^may not point at /);
    }
  });

  it('allows private targets with the setting, never metadata', () => {
    expect(webhookUrlRefusal('http://127.0.0.1:4000/hook', lenient)).toBeNull();
    expect(webhookUrlRefusal('http://localhost:4000/hook', lenient)).toBeNull();
    expect(webhookUrlRefusal('http://169.254.169.254/', lenient)).toMatch(/metadata/);
  });

  it('refuses credentials in the URL and other schemes', () => {
    expect(webhookUrlRefusal('https://user:pass@hooks.example.com/', lenient)).toMatch(/credentials/);
    expect(webhookUrlRefusal('https://user@hooks.example.com/', strict)).toMatch(/credentials/);
    expect(webhookUrlRefusal('ftp://hooks.example.com/', strict)).toBe('must be an http(s) URL');
    expect(webhookUrlRefusal('not a url', strict)).toBe('is not a URL');
  });
});
