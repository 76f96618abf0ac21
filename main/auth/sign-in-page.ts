const TITLES = {
  done: 'Signed in',
  failed: 'Sign-in did not work',
  refused: 'ChartDrop',
} as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The small page the system browser shows after the loopback redirect. No scripts, no external assets. */
export function renderSignInPage(kind: keyof typeof TITLES, message: string): string {
  const title = TITLES[kind];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} — ChartDrop</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:4rem auto;max-width:32rem;padding:0 1rem;color:#1d2733}
h1{font-size:1.4rem}.failed h1{color:#a3261b}</style></head>
<body class="${kind}"><main><h1>${title}</h1><p>${escapeHtml(message)}</p></main></body></html>`;
}
