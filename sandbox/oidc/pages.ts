/** The sandbox's own plain, accessible HTML pages: sign-in, consent, errors, sign-out. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — ChartDrop sandbox</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
header { border-bottom: 2px solid #555; margin-bottom: 1.5rem; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input { width: 100%; padding: .5rem; font-size: 1rem; box-sizing: border-box; }
button { margin-top: 1.25rem; margin-right: .5rem; padding: .5rem 1.25rem; font-size: 1rem; }
.error { color: #a00000; border: 1px solid #a00000; padding: .5rem; }
</style>
</head>
<body>
<header><p><strong>ChartDrop sandbox — synthetic data</strong></p></header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

export function loginPage(options: { action: string; clientId: string; login?: string; error?: string }): string {
  const error = options.error ? `<p class="error" role="alert" id="login-error">${escapeHtml(options.error)}</p>` : '';
  const describedBy = options.error ? ' aria-describedby="login-error"' : '';
  return layout(
    'Sign in',
    `<p>Sign in to let <strong>${escapeHtml(options.clientId)}</strong> reach this test EMR.</p>
${error}
<form method="post" action="${escapeHtml(options.action)}" autocomplete="off">
<label for="login">Username</label>
<input id="login" name="login" type="text" required autofocus value="${escapeHtml(options.login ?? '')}"${describedBy}>
<label for="password">Password</label>
<input id="password" name="password" type="password" required${describedBy}>
<button type="submit">Sign in</button>
</form>`,
  );
}

export function consentPage(options: {
  action: string;
  clientId: string;
  userName: string;
  requested: ReadonlyArray<{ scope: string; words: string }>;
}): string {
  const items = options.requested.map(({ scope, words }) => `<li>${escapeHtml(words)} <small>(<code>${escapeHtml(scope)}</code>)</small></li>`).join('\n');
  return layout(
    'Allow access?',
    `<p>Signed in as <strong>${escapeHtml(options.userName)}</strong>.</p>
<p><strong>${escapeHtml(options.clientId)}</strong> asks to:</p>
<ul>
${items}
</ul>
<form method="post" action="${escapeHtml(options.action)}">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
}

export function errorPage(out: Record<string, string>): string {
  const rows = Object.entries(out)
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('\n');
  return layout('Sign-in error', `<dl>\n${rows}\n</dl>`);
}

/** oidc-provider hands over a ready form (with its own hidden fields); we add the buttons. */
export function logoutPage(form: string): string {
  return layout(
    'Sign out?',
    `${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>`,
  );
}

export function loggedOutPage(): string {
  return layout('Signed out', '<p>You are signed out of the sandbox. You can close this tab.</p>');
}

export function homePage(info: { issuer: string; fhirBaseUrl: string; users: ReadonlyArray<{ login: string; password: string; displayName: string }> }): string {
  const users = info.users
    .map((user) => `<li>${escapeHtml(user.displayName)}: <code>${escapeHtml(user.login)}</code> / <code>${escapeHtml(user.password)}</code></li>`)
    .join('\n');
  return layout(
    'Local test EMR',
    `<p>A SMART-on-FHIR R4 server with synthetic patients, for ChartDrop's demo mode and tests. No real patient data is here.</p>
<ul>
<li>OpenID issuer: <code>${escapeHtml(info.issuer)}</code></li>
<li>FHIR base: <code>${escapeHtml(info.fhirBaseUrl)}</code></li>
</ul>
<p>Demo users:</p>
<ul>
${users}
</ul>`,
  );
}
