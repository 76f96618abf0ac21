/**
 * Whether a URL may be handed to a browser as "the system browser" page. The core passes the
 * authorize URL, which comes from the server's discovery document: a hostile or broken server must
 * not make the OS open `file:`, `smb:` or an app's custom scheme.
 */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
