/**
 * IP address syntax, as node:net's isIP judges it, without node:net: importing that module
 * loads node's whole stream stack, which `hotdock validate` otherwise never needs (a test
 * compares the two on generated addresses).
 */

/** 0 to 255 in decimal, without leading zeros. */
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const IPV4 = new RegExp(`^(?:${OCTET}\\.){3}${OCTET}$`);
/** A zone index after '%', as node accepts it (`fe80::1%eth0`). */
const ZONE = /^[0-9a-zA-Z\-.:]+$/;
/** Only these characters can make an IPv6 address (an embedded IPv4 brings the dots). */
const IPV6_CHARS = /^[0-9a-fA-F:.]+$/;

/** 4 for an IPv4 address, 6 for an IPv6 one, 0 for anything else (like node:net's isIP). */
export function ipVersion(text: string): 0 | 4 | 6 {
  if (IPV4.test(text)) return 4;
  return isIPv6(text) ? 6 : 0;
}

function isIPv6(text: string): boolean {
  const percent = text.indexOf('%');
  const address = percent < 0 ? text : text.slice(0, percent);
  if (percent >= 0 && !ZONE.test(text.slice(percent + 1))) return false;
  if (!address.includes(':') || !IPV6_CHARS.test(address)) return false;
  // The WHATWG URL parser is a complete IPv6 parser (RFC 4291 forms, '::', an embedded IPv4
  // address without leading zeros): a bracketed host it accepts is an IPv6 address.
  return URL.canParse(`http://[${address}]/`);
}
