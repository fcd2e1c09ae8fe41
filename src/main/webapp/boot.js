// A classic script, run before the page's modules: how the page says that Cutout cannot start (app.js uses it too),
// and why where modules cannot run at all (from a page opened as a file, file://, browsers load no module and fetch
// nothing, so the page would stay on "Starting Cutout…"); and where photos go that come before the page's code runs.

/**
 * A sentence of boot-texts.js in the page's language, chosen as the app chooses it (core.text.Texts.choose): the
 * address's ?lang=, else the reader's choice kept on the device (web.app.Main.LANGUAGE_SETTING), else the browser's,
 * else English. Null without the file.
 */
self.cutoutBootText = (key) => {
  const texts = self.cutoutBootTexts;
  if (!texts) {
    return null;
  }
  let kept = null;
  try {
    kept = self.localStorage.getItem("cutout.language");
  } catch (e) {
    // storage turned off: the address and the browser decide
  }
  const order = [new URLSearchParams(location.search).get("lang"), kept,
    ...(navigator.languages || [navigator.language || "en"])];
  const lang = order.filter(Boolean).map((tag) => tag.split("-")[0].toLowerCase())
    .find((tag) => Object.prototype.hasOwnProperty.call(texts, tag)) || "en";
  return texts[lang][key];
};

/** Shows `text` in place of the page's "Starting…" and "Checking offline use…", which will not move on. */
self.cutoutBootFailed = (text) => {
  document.getElementById("message").textContent = text;
  document.getElementById("status").dataset.state = "error";
  document.getElementById("status-text").hidden = true;
  document.getElementById("offline-panel").hidden = true;
};

if (location.protocol === "file:" && self.cutoutBootText("boot.file")) {
  self.cutoutBootFailed(self.cutoutBootText("boot.file"));
}

// Photos chosen, dropped or pasted while the page's code is still loading (a slow connection) are kept for it: Main
// takes them when it starts, and from then on handles such events itself. A photo dropped meanwhile does not make the
// browser leave the page to show the file.
self.cutoutEarlyFiles = [];
self.cutoutTakeEarlyFiles = () => {
  const files = self.cutoutEarlyFiles;
  self.cutoutEarlyFiles = null;
  if (!files || files.length === 0) {
    return null;
  }
  const list = new DataTransfer();
  files.forEach((file) => list.items.add(file));
  return list.files;
};
const keepEarly = (event, transfer) => {
  if (self.cutoutEarlyFiles && transfer && transfer.files && transfer.files.length > 0) {
    event.preventDefault();
    self.cutoutEarlyFiles.push(...transfer.files);
  }
};
document.addEventListener("dragover", (e) => {
  if (self.cutoutEarlyFiles) {
    e.preventDefault();
  }
});
document.addEventListener("drop", (e) => {
  if (self.cutoutEarlyFiles) {
    e.preventDefault();
    keepEarly(e, e.dataTransfer);
  }
});
document.addEventListener("paste", (e) => keepEarly(e, e.clipboardData));
document.getElementById("file-input").addEventListener("change", (e) => {
  if (self.cutoutEarlyFiles) {
    keepEarly(e, e.target);
    e.target.value = "";
  }
});
