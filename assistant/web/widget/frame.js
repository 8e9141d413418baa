/* The chat inside the widget's frame: a small client of the assistant's HTTP API.
 *
 * Every piece of text from the shopper or the shop is put on the page with textContent or
 * attributes, never parsed as HTML. The session id is kept in localStorage, so a reload (or
 * the next page of the shop) continues the same conversation and cart. Its own words come in
 * the config (`config.words`, in `config.lang`), and the API is asked in that language too.
 */
(() => {
  "use strict";
  const config = JSON.parse(document.getElementById("sa-config").textContent);
  const words = config.words;
  const api = new URL("../api/", location.href).href;
  const STORAGE_KEY = "shopping-assistant-session";
  const log = document.getElementById("sa-log");
  const form = document.getElementById("sa-form");
  const input = document.getElementById("sa-input");
  const send = document.getElementById("sa-send");
  const cartSummary = document.getElementById("sa-cart");
  const picker = document.getElementById("sa-shopper");
  const signin = picker.closest(".signin");
  const customerToken = new URLSearchParams(location.hash.slice(1)).get("customer_token");
  if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  let sessionId = null;
  let feedback = { messages: {}, products: {} };  // thumbs given before this page load

  document.documentElement.style.setProperty("--sa-colour", config.colour);
  document.documentElement.style.setProperty("--sa-text", config.text_colour);
  document.getElementById("sa-title").textContent = config.title;
  document.title = config.title;

  // One of the frame's words, its {placeholders} filled: say("signed_in", { name }).
  function say(key, values = {}) {
    return words[key].replace(/\{(\w+)\}/g, (slot, name) => (name in values ? String(values[name]) : slot));
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  async function call(method, path, body) {
    const headers = { "Accept-Language": config.lang };  // the API's words in the widget's language
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(api + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      let detail = say("went_wrong");
      try { detail = (await response.json()).detail || detail; } catch (_) { /* not JSON */ }
      const error = new Error(typeof detail === "string" ? detail : say("refused"));
      error.status = response.status;
      throw error;
    }
    return response;
  }

  // --- rendering ------------------------------------------------------------------------------

  const THUMB_UP = "M9.3 6V3.3a2 2 0 0 0-2-2L4.7 7.3v7.4h7.5a1.3 1.3 0 0 0 1.3-1.1l.9-6a1.3 1.3 0 0 0-1.3-1.6zM4.7 14.7h-2a1.3 1.3 0 0 1-1.3-1.4V8.7a1.3 1.3 0 0 1 1.3-1.4h2";
  const THUMB_DOWN = "M6.7 10v2.7a2 2 0 0 0 2 2l2.6-6V1.3H3.8a1.3 1.3 0 0 0-1.3 1.1l-.9 6a1.3 1.3 0 0 0 1.3 1.6zM11.3 1.3h1.8a1.5 1.5 0 0 1 1.6 1.4v4.6a1.5 1.5 0 0 1-1.6 1.4h-1.8";

  function icon(path) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("aria-hidden", "true");
    const shape = document.createElementNS("http://www.w3.org/2000/svg", "path");
    shape.setAttribute("d", path);
    svg.appendChild(shape);
    return svg;
  }

  function thumbs(label, submit, given) {
    const group = el("span", "thumbs");
    for (const [liked, path, name] of [[true, THUMB_UP, "helpful"], [false, THUMB_DOWN, "not_helpful"]]) {
      const button = el("button", "thumb");
      button.appendChild(icon(path));
      button.title = say(name);
      button.type = "button";
      button.dataset.liked = String(liked);
      button.setAttribute("aria-label", say(`${name}_about`, { label }));
      button.setAttribute("aria-pressed", String(given === liked));
      button.addEventListener("click", async () => {
        try {
          await submit(liked);
          for (const other of group.children) other.setAttribute("aria-pressed", String(other === button));
        } catch (error) {
          notice(error.message);
        }
      });
      group.appendChild(button);
    }
    return group;
  }

  function stars(rating, reviews) {
    const row = el("div", "rating");
    if (rating === null || rating === undefined) {
      row.textContent = say("no_ratings");
      return row;
    }
    const meter = el("span", "stars", "\u2605\u2605\u2605\u2605\u2605");
    const fill = el("span", "stars-fill", "\u2605\u2605\u2605\u2605\u2605");
    fill.style.width = `${Math.max(0, Math.min(5, rating)) / 5 * 100}%`;
    meter.appendChild(fill);
    meter.setAttribute("aria-hidden", "true");
    row.append(meter, el("span", "", `${rating.toFixed(1)} (${reviews.toLocaleString("en")})`));
    row.title = say("rating_title", { rating: rating.toFixed(1), count: reviews });
    return row;
  }

  function productCard(product) {
    const card = el("article", "card");
    card.dataset.productId = String(product.id);
    const media = el("div", "media");
    if (product.image) {
      const img = el("img");
      img.src = product.image;
      img.alt = product.name;
      img.loading = "lazy";
      media.appendChild(img);
    } else {
      media.appendChild(el("span", "noimg", (product.name.trim()[0] || "?").toUpperCase()));
    }
    const body = el("div", "body");
    body.append(el("div", "brand", product.brand || ""), el("div", "name", product.name),
                stars(product.rating, product.review_count));
    const priceRow = el("div", "price-row");
    priceRow.appendChild(el("span", "price", product.price_text));
    if (product.stock_text) {
      priceRow.appendChild(el("span", product.stock > 0 ? "badge low" : "badge out", product.stock_text));
    }
    body.appendChild(priceRow);
    if (product.reason) body.appendChild(el("p", "reason", product.reason));
    const actions = el("div", "actions");
    const add = el("button", "add", say(product.stock > 0 ? "add_to_cart" : "out_of_stock"));
    add.type = "button";
    add.disabled = product.stock <= 0;
    add.setAttribute("aria-label", say("add_named", { name: product.name }));
    add.addEventListener("click", async () => {
      try {
        const response = await call("POST", `sessions/${sessionId}/cart`, { product_id: product.id, quantity: 1 });
        showCart(await response.json());
        add.textContent = say("added");
      } catch (error) {
        notice(error.message);
      }
    });
    actions.append(add, thumbs(product.name, async (liked) => {
      await call("POST", `sessions/${sessionId}/feedback`, { product_id: product.id, liked });
      feedback.products[product.id] = liked;  // the same product in a later answer
    }, feedback.products[product.id]));
    body.appendChild(actions);
    for (const opener of [media, body.querySelector(".name")]) {
      opener.addEventListener("click", () => {  // interest, for the shopper's next results
        call("POST", `sessions/${sessionId}/clicks`, { product_id: product.id }).catch(() => {});
      });
    }
    card.append(media, body);
    return card;
  }

  // The assistant's words: a Markdown table (a comparison) becomes a real table, everything
  // else stays literal text. Every piece still goes onto the page with textContent.
  function showText(node, text) {
    node.replaceChildren(...String(text).split(/\n{2,}/).map((block) => {
      const lines = block.split("\n");
      const isTable = lines.length > 1 && lines.every((line) => line.trim().startsWith("|"));
      return isTable ? textTable(lines) : el("p", null, block);
    }));
  }

  function textTable(lines) {
    const table = el("table", "compare");
    lines.filter((line) => !/^\|[\s|:-]*\|$/.test(line.trim())).forEach((line, i) => {
      const row = el("tr");
      for (const cell of line.trim().slice(1, -1).split("|")) {
        row.appendChild(el(i ? "td" : "th", null, cell.trim().replace(/\*\*/g, "")));
      }
      table.appendChild(row);
    });
    return table;
  }

  function bubble(role, text) {
    const row = el("div", `msg ${role}`);
    const textNode = el("div", "text", text);
    row.appendChild(textNode);
    log.appendChild(row);
    return { row, textNode, cards: null };
  }

  function showProducts(view, products) {
    if (!view.cards) {
      view.cards = el("div", "cards");
      view.row.insertBefore(view.cards, view.textNode);
    }
    view.cards.replaceChildren(...products.map(productCard));
  }

  function finishAssistant(view, message) {
    if (message.role !== "assistant" || message.position === null) return;  // not stored
    view.row.dataset.position = String(message.position);
    view.row.appendChild(thumbs(say("this_answer"), (liked) =>
      call("POST", `sessions/${sessionId}/feedback`, { message_position: message.position, liked }),
      feedback.messages[message.position]));
  }

  function showMessage(message) {
    const view = bubble(message.role, message.text);
    if (message.role === "assistant") showText(view.textNode, message.text);
    if (message.products.length) showProducts(view, message.products);
    finishAssistant(view, message);
  }

  function showSuggestions() {
    const row = el("div", "suggestions");
    row.setAttribute("aria-label", say("try_asking"));
    for (const example of config.examples) {
      const chip = el("button", "suggestion", example);
      chip.type = "button";
      chip.addEventListener("click", () => {
        input.value = example;
        form.requestSubmit();
      });
      row.appendChild(chip);
    }
    log.appendChild(row);
  }

  function showCart(cart) {
    cartSummary.textContent = cart.item_count
      ? say("cart_summary", { count: cart.item_count, subtotal: cart.subtotal_text }) : "";
  }

  function notice(text) {
    const row = bubble("notice", text);
    row.row.setAttribute("role", "status");
    scrollDown();
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  // Orders and checkout belong to the customer the shop's token names, or, in demo mode only,
  // to the demo shopper picked here; never to a name typed in the chat.
  async function showShoppers(current, demo) {
    signin.hidden = !demo && !current;
    picker.disabled = !demo;
    if (!demo) {
      picker.replaceChildren(el("option", null, current ? current.name : say("guest")));
      return;
    }
    signin.querySelector("label").textContent = say("demo_sign_in");
    if (picker.options.length === 1) {
      const shoppers = await (await call("GET", "shoppers")).json();
      for (const shopper of shoppers) {
        const option = el("option", null, say("demo_shopper", { name: shopper.name }));
        option.value = shopper.handle;
        picker.appendChild(option);
      }
    }
    picker.value = current ? current.handle : "";
  }

  picker.addEventListener("change", async () => {
    try {
      const response = await call("PUT", `sessions/${sessionId}/shopper`,
                                  { handle: picker.value || null });
      const session = await response.json();
      notice(session.shopper ? say("signed_in", { name: session.shopper.name }) : say("browsing_as_guest"));
    } catch (error) {
      notice(error.message);
    }
  });

  function showSession(session) {
    sessionId = session.session_id;
    showShoppers(session.shopper, session.demo_sign_in).catch((error) => notice(error.message));
    feedback = session.feedback;
    localStorage.setItem(STORAGE_KEY, sessionId);
    log.replaceChildren();
    bubble("assistant greeting", config.greeting);
    if (!session.messages.length) showSuggestions();
    session.messages.forEach(showMessage);
    showCart(session.cart);
    scrollDown();
  }

  // --- talking to the assistant ---------------------------------------------------------------

  async function open() {
    const stored = localStorage.getItem(STORAGE_KEY);
    let response, refused = null;
    try {
      response = await call("POST", "sessions", { session_id: stored, customer_token: customerToken });
    } catch (error) {
      if (error.status !== 401) throw error;
      refused = error;
      response = await call("POST", "sessions", { session_id: stored });  // as a guest
    }
    showSession(await response.json());
    if (refused) notice(say("guest_instead", { reason: refused.message }));
  }

  async function sendMessage(text) {
    for (const suggestions of log.querySelectorAll(".suggestions")) suggestions.remove();
    const mine = bubble("user", text);
    const reply = bubble("assistant", "\u2026");
    reply.row.classList.add("pending");
    scrollDown();
    let response;
    try {
      response = await call("POST", `sessions/${sessionId}/messages`, { text });
    } catch (error) {
      mine.row.remove();
      reply.row.remove();
      if (error.status === 404) await open();
      input.value = text;  // nothing typed is lost
      notice(error.message);
      return;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = "";
    for (;;) {
      const { value, done } = await reader.read();
      buffered += decoder.decode(value || new Uint8Array(), { stream: !done });
      const lines = buffered.split("\n");
      buffered = lines.pop();
      for (const line of lines) {
        if (!line.trim()) continue;
        const event = JSON.parse(line);
        if (event.type === "products") showProducts(reply, event.products);
        if (event.type === "text") showText(reply.textNode, event.text);
        if (event.type === "done") {
          reply.row.classList.remove("pending");
          showText(reply.textNode, event.message.text);
          finishAssistant(reply, event.message);
          showCart(event.cart);  // "add the second one to my cart" changes it
        }
        if (event.type === "error") {  // the turn failed part-way: say so, keep the words
          reply.row.remove();
          input.value = text;
          notice(event.detail);
        }
      }
      scrollDown();
      if (done) break;
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim() || send.disabled) return;
    input.value = "";
    send.disabled = true;
    try {
      await sendMessage(text);
    } catch (error) {
      notice(say("connection_lost"));
    } finally {
      send.disabled = false;
      input.focus();
    }
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  document.getElementById("sa-restart").addEventListener("click", async () => {
    try {
      const response = await call("POST", `sessions/${sessionId}/start-over`);
      showSession(await response.json());
      input.focus();
    } catch (error) {
      notice(error.message);
    }
  });
  const close = () => parent.postMessage({ type: "shopping-assistant:close" }, "*");
  document.getElementById("sa-close").addEventListener("click", close);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
  });
  window.addEventListener("focus", () => input.focus());
  if (document.hasFocus()) input.focus();  // opened from the keyboard before this script ran

  open().catch((error) => notice(error.message || say("unreachable")));
})();
