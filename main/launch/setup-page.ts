const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * What a packaged ChartDrop shows when no clinic is configured. A packaged app carries no demo
 * EMR (its sandbox is development-only, and a workstation must never file a real patient's scan
 * into a pretend chart), so the first run says who sets it up and where, and nothing else.
 */
export function setupPageHtml(options: { dataDir: string; version: string }): string {
  const profilesFile = escapeHtml(`${options.dataDir.replace(/[\\/]+$/, '')}${options.dataDir.includes('\\') ? '\\' : '/'}profiles.json`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>ChartDrop — set up a clinic</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem; color: #1b1f24; max-width: 34rem; }
  h1 { font-size: 1.3rem; }
  code { background: #eef1f4; padding: 0.1rem 0.3rem; border-radius: 3px; word-break: break-all; }
  .quiet { color: #57606a; font-size: 0.9rem; }
</style>
</head>
<body>
<main>
<h1>ChartDrop is not set up for a clinic yet</h1>
<p>Before anyone can sign in and file documents, your clinic’s IT administrator adds the clinic’s EMR
(its address and ChartDrop’s client id) to this computer.</p>
<p>They put the clinic profile in <code>${profilesFile}</code> and restart ChartDrop. Client secrets and
API keys are entered in the app afterwards and kept encrypted.</p>
<p class="quiet">Nothing has been filed and no patient data is stored on this computer. ChartDrop ${escapeHtml(options.version)}</p>
</main>
</body>
</html>`;
}
