type OidcProviderModule = typeof import('oidc-provider');

const UNSUPPORTED_RUNTIME_NOTICE = 'oidc-provider WARNING: Unsupported runtime';

/**
 * oidc-provider 9 warns at import time on Node 20 ("Unsupported runtime"); it runs fine there
 * (shared/api/fhir.md §10). That one line is filtered out while the module loads so the
 * sandbox stays silent; every other warning still reaches the console.
 */
export async function importProvider(): Promise<Pick<OidcProviderModule, 'Provider' | 'errors'>> {
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes(UNSUPPORTED_RUNTIME_NOTICE)) return;
    originalWarn(...args);
  };
  try {
    const { Provider, errors } = await import('oidc-provider');
    return { Provider, errors };
  } finally {
    console.warn = originalWarn;
  }
}
