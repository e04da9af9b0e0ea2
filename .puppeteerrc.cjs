/**
 * Puppeteer configuration (read by puppeteer's install script and at run time).
 * certdocs never downloads a browser: it renders with the system's Chromium
 * (Debian's `chromium`, or any Chromium named by PUPPETEER_EXECUTABLE_PATH /
 * CERTDOCS_CHROMIUM). See README "Set-up on a fresh machine".
 * @type {import("puppeteer").Configuration}
 */
module.exports = {
  skipDownload: true,
  chrome: { skipDownload: true },
  "chrome-headless-shell": { skipDownload: true },
  firefox: { skipDownload: true },
};
