// The province's search entry (xxgk site join): bodies found by name across every shard, and
// each shard's own full-text search with the same words. Plain DOM, no framework.
(function () {
  "use strict";
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  var box = document.getElementById("q");
  if (box) box.value = query;
  var links = document.querySelectorAll("a[data-shard]");
  for (var i = 0; i < links.length; i++) {
    links[i].href = links[i].getAttribute("data-shard") + "/search.html?q=" + encodeURIComponent(query);
  }
  var results = document.getElementById("xxgk-province-results");
  if (!results || !query) return;
  var words = query.split(/\s+/);
  fetch("_data/bodies.json").then(function (r) { return r.json(); }).then(function (bodies) {
    var found = bodies.filter(function (b) {
      return words.every(function (w) { return b.body.indexOf(w) >= 0 || b.region.indexOf(w) >= 0; });
    });
    var head = document.createElement("h2");
    head.textContent = found.length ? "找到 " + found.length + " 个机关" : "没有名称含“" + query + "”的机关";
    results.appendChild(head);
    var list = document.createElement("ul");
    found.slice(0, 100).forEach(function (b) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = b.url;
      link.textContent = b.body;
      item.appendChild(link);
      var where = b.region !== b.body ? b.region + "，" : "";
      item.appendChild(document.createTextNode("（" + where + "最新为" + b.year + "年度报告）"));
      list.appendChild(item);
    });
    results.appendChild(list);
    if (found.length > 100) {
      var more = document.createElement("p");
      more.textContent = "只列出前 100 个，请输入更完整的名称。";
      results.appendChild(more);
    }
    var hit = {};
    found.forEach(function (b) { hit[b.shard] = true; });
    for (var j = 0; j < links.length; j++) {
      if (hit[links[j].getAttribute("data-shard")]) {
        links[j].textContent += "（有名称匹配的机关）";
        links[j].parentNode.parentNode.insertBefore(links[j].parentNode, links[j].parentNode.parentNode.firstChild);
      }
    }
  }).catch(function () {
    results.textContent = "无法读取机关列表，请在下面选择地区全文搜索。";
  });
})();
