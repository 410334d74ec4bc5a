// Which network an address belongs to, for outbound requests the product makes on a user's behalf
// (the alert webhook): a URL must not reach the machine itself, the private network around it or a
// cloud's metadata service. Pure: the caller resolves names and passes the addresses in.

/** `public` is the only kind a webhook may reach by default. */
export const addressKinds = ['public', 'loopback', 'private', 'link_local', 'shared', 'unspecified', 'metadata', 'multicast', 'reserved'] as const;
export type AddressKind = (typeof addressKinds)[number];

const kindWords: Record<AddressKind, string> = {
  public: 'a public address',
  loopback: 'a loopback address (this machine)',
  private: 'a private-network address',
  link_local: 'a link-local address',
  shared: 'a carrier-grade NAT (shared) address',
  unspecified: 'the unspecified address',
  metadata: "a cloud metadata service's address",
  multicast: 'a multicast or broadcast address',
  reserved: 'a reserved, documentation or non-routable address',
};

export function describeAddressKind(kind: AddressKind): string {
  return kindWords[kind];
}

/**
 * An IPv4 address as a 32-bit number, in every form `inet_aton` (and so the WHATWG URL parser)
 * accepts: dotted quad, fewer parts (`127.1`), decimal (`2130706433`), hex (`0x7f000001`, `0x7f.1`)
 * and octal (`0177.0.0.1`) parts. Null when it is not one.
 */
export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length > 0 && parts.at(-1) === '' && parts.length > 1) parts.pop();
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) value = Number.parseInt(part.slice(1), 8);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) value = Number(part);
    else return null;
    if (!Number.isFinite(value)) return null;
    numbers.push(value);
  }
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255)) return null;
  if (last >= 256 ** (4 - numbers.length)) return null;
  return numbers.reduce((sum, n, index) => sum + n * 256 ** (3 - index), 0) + last;
}

/** An IPv6 address as eight 16-bit groups (`::`, an embedded dotted IPv4 tail, brackets allowed); null when it is not one. */
export function parseIPv6(text: string): number[] | null {
  let value = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (value.includes('%')) value = value.slice(0, value.indexOf('%'));
  if (!/^[0-9a-f:.]+$/i.test(value) || !value.includes(':')) return null;
  const halves = value.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string): number[] | null => {
    if (half === '') return [];
    const out: number[] = [];
    const pieces = half.split(':');
    for (const [index, piece] of pieces.entries()) {
      if (piece.includes('.')) {
        // A dotted IPv4 tail: strict dotted quad, last piece only.
        if (index !== pieces.length - 1 || !/^\d{1,3}(\.\d{1,3}){3}$/.test(piece)) return null;
        const v4 = piece.split('.').map(Number);
        if (v4.some((n) => n > 255)) return null;
        out.push(v4[0]! * 256 + v4[1]!, v4[2]! * 256 + v4[3]!);
      } else {
        if (!/^[0-9a-f]{1,4}$/i.test(piece)) return null;
        out.push(Number.parseInt(piece, 16));
      }
    }
    return out;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return null;
  return [...head, ...Array<number>(missing).fill(0), ...tail];
}

const v4 = (a: number, b: number, c: number, d: number) => ((a * 256 + b) * 256 + c) * 256 + d;
const inRange = (address: number, base: number, bits: number) => Math.floor(address / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits));

// Most specific first: metadata before link-local and shared.
const ipv4Ranges: ReadonlyArray<[number, number, AddressKind]> = [
  [v4(169, 254, 169, 254), 32, 'metadata'], // AWS, GCP, Azure, OpenStack…
  [v4(169, 254, 170, 2), 32, 'metadata'], // AWS ECS task metadata
  [v4(100, 100, 100, 200), 32, 'metadata'], // Alibaba Cloud
  [v4(0, 0, 0, 0), 8, 'unspecified'],
  [v4(10, 0, 0, 0), 8, 'private'],
  [v4(100, 64, 0, 0), 10, 'shared'],
  [v4(127, 0, 0, 0), 8, 'loopback'],
  [v4(169, 254, 0, 0), 16, 'link_local'],
  [v4(172, 16, 0, 0), 12, 'private'],
  [v4(192, 0, 0, 0), 24, 'reserved'],
  [v4(192, 0, 2, 0), 24, 'reserved'],
  [v4(192, 88, 99, 0), 24, 'reserved'],
  [v4(192, 168, 0, 0), 16, 'private'],
  [v4(198, 18, 0, 0), 15, 'reserved'],
  [v4(198, 51, 100, 0), 24, 'reserved'],
  [v4(203, 0, 113, 0), 24, 'reserved'],
  [v4(224, 0, 0, 0), 4, 'multicast'],
  [v4(240, 0, 0, 0), 4, 'reserved'], // and 255.255.255.255
];

export function classifyIPv4(address: number): AddressKind {
  if (address === 0xffffffff) return 'multicast';
  return ipv4Ranges.find(([base, bits]) => inRange(address, base, bits))?.[2] ?? 'public';
}

export function classifyIPv6(groups: readonly number[]): AddressKind {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const embedded = g6 * 65536 + g7;
  const zeroPrefix = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroPrefix && g5 === 0 && embedded === 0) return 'unspecified';
  if (zeroPrefix && g5 === 0 && embedded === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): the IPv4 address decides.
  if (zeroPrefix && (g5 === 0xffff || g5 === 0)) return classifyIPv4(embedded);
  // NAT64 (64:ff9b::a.b.c.d) carries an IPv4 address; its local-use /48 is private.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return classifyIPv4(embedded);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'private';
  // 6to4 (2002:aabb:ccdd::) tunnels to the IPv4 address in its second and third groups.
  if (g0 === 0x2002) return classifyIPv4(g1 * 65536 + g2);
  if (g0 === 0xfd00 && g1 === 0x0ec2 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0 && g6 === 0 && g7 === 0x254) return 'metadata'; // AWS IPv6
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return 'link_local';
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  // Teredo, ORCHID, documentation and the rest of 2001::/23 (IETF protocol assignments).
  if (g0 === 0x2001 && g1 < 0x200) return 'reserved';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'reserved';
  if (g0 === 0x3fff && g1 < 0x1000) return 'reserved'; // documentation 3fff::/20
  // Only global unicast (2000::/3) is public.
  return (g0 & 0xe000) === 0x2000 ? 'public' : 'reserved';
}

/** The kind of an IP address written in any form; null when the text is not an IP address (a host name). */
export function classifyAddress(text: string): AddressKind | null {
  const ipv6 = parseIPv6(text);
  if (ipv6) return classifyIPv6(ipv6);
  const ipv4 = parseIPv4(text);
  return ipv4 === null ? null : classifyIPv4(ipv4);
}

export type OutboundPolicy = {
  /** Loopback, private, link-local and shared (CGNAT) targets: only when the operator allows them. */
  allowPrivate: boolean;
};

const privateKinds: ReadonlySet<AddressKind> = new Set(['loopback', 'private', 'link_local', 'shared', 'unspecified']);

/** Why an address may not be reached under the policy ("10.0.0.1, a private-network address …"); null when it may. Metadata, multicast and reserved addresses never may. */
export function addressRefusal(address: string, policy: OutboundPolicy): string | null {
  const kind = classifyAddress(address);
  if (kind === null) return `${address} is not an IP address`;
  if (kind === 'public') return null;
  if (policy.allowPrivate && privateKinds.has(kind)) return null;
  const hint = privateKinds.has(kind) ? ' (private targets need ALERT_WEBHOOK_ALLOW_PRIVATE=true)' : '';
  return `${address}, ${describeAddressKind(kind)}${hint}`;
}

/**
 * Why a webhook URL may not be used, from the URL alone (the delivery checks the resolved addresses
 * too); null when it may. http(s) only, no credentials, and a literal IP or `localhost` host is
 * checked like a resolved address.
 */
export function webhookUrlRefusal(url: string, policy: OutboundPolicy): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an http(s) URL';
  if (parsed.username || parsed.password) return 'must not carry credentials (user:password@); the delivery is authenticated by its signature';
  // The URL parser has already turned 0x7f000001, 2130706433 and 127.1 into 127.0.0.1.
  const host = parsed.hostname.replace(/\.$/, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return policy.allowPrivate ? null : `may not point at ${host}, this machine (private targets need ALERT_WEBHOOK_ALLOW_PRIVATE=true)`;
  }
  if (classifyAddress(host) === null) return null;
  const refusal = addressRefusal(host, policy);
  return refusal ? `may not point at ${refusal}` : null;
}
