/** Plain http is tolerated only for servers on this machine (the sandbox); anything else must be https. */
export function isLoopbackUrl(url: string): boolean {
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === '[::1]' || hostname === 'localhost';
}
