// Article page: click (or hover) a mention to see its actor, a trigger or an event row to see
// the event with its evidence. Every value is written with textContent: nothing is parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("doc-data").textContent);
  var panel = document.getElementById("panel");

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function row(dl, term, value) { dl.appendChild(el("dt", term)); dl.appendChild(el("dd", value)); }
  function clearActive() {
    document.querySelectorAll(".active").forEach(function (n) { n.classList.remove("active"); });
    document.querySelectorAll("tr.sel").forEach(function (n) { n.classList.remove("sel"); });
  }
  function ref(r) { return r ? (r.code || "?") + " (" + r.text + ")" : "—"; }

  function showActor(id) {
    var a = data.actors[id]; if (!a) return;
    clearActive();
    document.querySelectorAll('[data-actor="' + id + '"]').forEach(function (n) { n.classList.add("active"); });
    panel.replaceChildren();
    panel.dataset.showing = "actor:" + id;
    var h = el("h3"); h.appendChild(el("span", a.id + " ")); h.appendChild(el("span", a.code || "no code", "code")); panel.appendChild(h);
    var dl = el("dl"); row(dl, "name", a.name); row(dl, "kind", a.kind); row(dl, "mentions", a.mentions.length); panel.appendChild(dl);
    var ul = el("ul"); a.mentions.forEach(function (m) { ul.appendChild(el("li", "“" + m.text + "” (sentence " + m.sentence + ", " + m.start + "–" + m.end + ")")); });
    panel.appendChild(ul);
    var involved = Object.values(data.events).filter(function (e) {
      return (e.source && e.source.actor === id) || (e.target && e.target.actor === id) || e.attributed_to === id;
    });
    if (involved.length) {
      panel.appendChild(el("h3", "Events"));
      var list = el("ul");
      involved.forEach(function (e) {
        var li = el("li"); var link = el("a", e.id + " " + ref(e.source) + " —" + e.cameo + "→ " + ref(e.target));
        link.href = "#"; link.addEventListener("click", function (ev) { ev.preventDefault(); showEvent(e.id); });
        li.appendChild(link); list.appendChild(li);
      });
      panel.appendChild(list);
    }
    if (a.code) { var go = el("a", "All about " + a.code + " →"); go.href = "/actor?code=" + encodeURIComponent(a.code); panel.appendChild(go); }
  }

  function showEvent(id) {
    var e = data.events[id]; if (!e) return;
    clearActive();
    document.querySelectorAll("[data-events]").forEach(function (n) {
      if (n.dataset.events.split(" ").indexOf(id) >= 0) n.classList.add("active");
    });
    var tr = document.querySelector('tr[data-event="' + id + '"]'); if (tr) tr.classList.add("sel");
    panel.replaceChildren();
    panel.dataset.showing = "event:" + id;
    panel.appendChild(el("h3", id + ": " + e.cameo + " " + e.name));
    var dl = el("dl");
    row(dl, "source", ref(e.source)); row(dl, "target", ref(e.target));
    row(dl, "CAMEO", e.cameo + " (root " + e.root + ")"); row(dl, "Goldstein", e.goldstein);
    row(dl, "QuadClass", e.quad_class); row(dl, "PLOVER", (e.plover.type || "—") + (e.plover.mode ? " / " + e.plover.mode : ""));
    row(dl, "modality", e.modality); row(dl, "negated", e.negated ? "yes" : "no");
    row(dl, "attributed to", e.attributed_to ? e.attributed_to + " " + ((data.actors[e.attributed_to] || {}).code || "") : "—");
    row(dl, "factual", e.factual ? "yes" : "no"); row(dl, "date", e.date || "—");
    row(dl, "place", e.place ? e.place.name + (e.place.country ? " (" + e.place.country + ")" : "") : "—");
    row(dl, "rule", e.rule);
    panel.appendChild(dl);
    panel.appendChild(el("h3", "Evidence"));
    var quote = el("blockquote", null, "evidence");
    var text = e.evidence || "", trig = e.trigger.text || "";
    var at = e.trigger_at !== null && text.substr(e.trigger_at, trig.length) === trig ? e.trigger_at : (trig ? text.indexOf(trig) : -1);
    if (at >= 0) {
      quote.appendChild(document.createTextNode(text.slice(0, at)));
      quote.appendChild(el("mark", trig));
      quote.appendChild(document.createTextNode(text.slice(at + trig.length)));
    } else { quote.textContent = text; }
    panel.appendChild(quote);
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target.closest("[data-events], [data-actor], tr[data-event]");
    if (!t || t.closest(".legend")) return;  // legend entries are links to the actor page
    if (t.dataset.events) { showEvent(t.dataset.events.split(" ")[0]); return; }
    if (t.dataset.event) { showEvent(t.dataset.event); return; }
    if (t.dataset.actor) showActor(t.dataset.actor);
  });
  // hover: the actor's code and all its mentions, as a tooltip (set once per element)
  document.querySelectorAll("[data-actor]").forEach(function (n) {
    var a = data.actors[n.dataset.actor];
    if (a) n.title = (a.code || "no code") + " · " + a.mentions.map(function (m) { return "“" + m.text + "”"; }).join(", ");
  });
  document.querySelectorAll("tr[data-event]").forEach(function (tr) {
    tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter") showEvent(tr.dataset.event); });
  });
})();
