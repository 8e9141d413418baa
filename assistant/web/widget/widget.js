/* The shopping assistant's embeddable widget: a floating chat button that opens the assistant.
 *
 *   <script src="https://assistant.example/widget/widget.js" defer
 *           data-title="Ask our shop" data-colour="#0f766e" data-text-colour="#ffffff"
 *           data-greeting="Hi! What are you looking for today?" data-lang="fr"
 *           data-customer-token="…signed by the shop's server for the signed-in customer…"></script>
 *
 * The chat runs in an iframe served by the assistant, so the shop's page and the chat never
 * share styles or scripts. Browsers refuse the frame on sites missing from the assistant's
 * allowed origins. The button and panel live in a shadow root for the same reason.
 * The widget speaks the language data-lang names (en, zh, es, fr), else the browser's; any
 * other is English. The server fills in WORDS, every language's, from its catalogs.
 */
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script) {
    console.warn("shopping assistant: load widget.js with a plain <script src> tag");
    return;
  }
  if (window.__shoppingAssistantWidget) return;
  window.__shoppingAssistantWidget = true;

  const HEX = /^#[0-9a-fA-F]{6}$/;
  const WORDS = /*{{words}}*/ {};
  const data = script.dataset;
  const language = (data.lang || navigator.language || "en").toLowerCase().split(/[-_]/)[0];
  const words = WORDS[language] || WORDS.en;
  const frameUrl = new URL("frame", script.src);
  const origin = frameUrl.origin;
  const title = (data.title || words.title).slice(0, 60);
  const colour = HEX.test(data.colour || "") ? data.colour : "#1d4ed8";
  const textColour = HEX.test(data.textColour || "") ? data.textColour : "#ffffff";
  for (const [name, value] of [["colour", data.colour], ["text-colour", data.textColour]]) {
    if (value && !HEX.test(value)) console.warn(`shopping assistant: data-${name}="${value}" is not #rrggbb`);
  }
  for (const [key, value] of [["title", data.title], ["colour", colour],
                              ["text_colour", textColour], ["greeting", data.greeting],
                              ["lang", data.lang]]) {
    if (value) frameUrl.searchParams.set(key, value);
  }
  // In the fragment, which is never sent to a server nor in a Referer; the frame removes it.
  if (data.customerToken) frameUrl.hash = new URLSearchParams({ customer_token: data.customerToken });

  const host = document.createElement("div");
  host.id = "shopping-assistant-widget";
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `
    <style>
      :host { all: initial; }
      .launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
        width: 60px; height: 60px; border: 0; border-radius: 50%; cursor: pointer;
        background: var(--colour); color: var(--text); box-shadow: 0 6px 20px rgba(0,0,0,.25);
        display: flex; align-items: center; justify-content: center; }
      .launcher:focus-visible { outline: 3px solid #111; outline-offset: 3px; }
      .launcher svg { width: 28px; height: 28px; }
      .panel { position: fixed; right: 20px; bottom: 92px; z-index: 2147483000;
        width: 400px; height: min(640px, calc(100vh - 120px)); border-radius: 16px;
        overflow: hidden; background: #fff; box-shadow: 0 12px 40px rgba(0,0,0,.3); }
      .panel[hidden] { display: none; }
      iframe { width: 100%; height: 100%; border: 0; display: block; }
      @media (max-width: 520px) {
        .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }
        .open .launcher { display: none; }  /* the chat's own close button takes over */
      }
    </style>
    <div class="wrap">
      <div class="panel" id="panel" role="dialog" hidden></div>
      <button class="launcher" type="button" aria-expanded="false" aria-controls="panel"></button>
    </div>`;
  const wrap = root.querySelector(".wrap");
  const panel = root.querySelector(".panel");
  const button = root.querySelector(".launcher");
  wrap.style.setProperty("--colour", colour);
  wrap.style.setProperty("--text", textColour);
  panel.setAttribute("aria-label", title);
  const CHAT_ICON = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/></svg>';
  const CLOSE_ICON = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.4" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg>';
  let frame = null;

  function setOpen(open, moveFocus = true) {
    panel.hidden = !open;
    wrap.classList.toggle("open", open);
    button.setAttribute("aria-expanded", String(open));
    button.setAttribute("aria-label", (open ? words.close : words.open).replace("{title}", () => title));
    button.innerHTML = open ? CLOSE_ICON : CHAT_ICON;
    if (open && !frame) {
      frame = document.createElement("iframe");
      frame.title = title;
      frame.src = frameUrl.href;
      panel.appendChild(frame);
    }
    if (moveFocus) (open ? frame : button).focus();
  }

  button.addEventListener("click", () => setOpen(panel.hidden));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) setOpen(false);
  });
  window.addEventListener("message", (event) => {
    if (event.origin !== origin || !frame || event.source !== frame.contentWindow) return;
    if (event.data && event.data.type === "shopping-assistant:close") setOpen(false);
  });
  setOpen(false, false);
  (document.body || document.documentElement).appendChild(host);
})();
