/**
 * True when a `Host` header names this machine: `localhost`, a `*.localhost` name (RFC 6761), or a
 * loopback address, with or without a port. The local server's token endpoint answers only these:
 * a web page elsewhere that rebinds its own name to 127.0.0.1 (DNS rebinding) still sends its own
 * name as the Host, and is refused.
 */
export const isLocalHost = (host: string | undefined): boolean => {
  if (host === undefined) return false;
  const match = /^(\[[0-9a-f:.]+\]|[^:]+)(?::\d{1,5})?$/i.exec(host.trim());
  const name = match?.[1]?.toLowerCase();
  if (name === undefined) return false;
  return name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(name);
};
