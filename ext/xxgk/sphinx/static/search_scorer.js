/* xxgk: the search lists the reports before the staff guide (html_search_scorer). */
var Scorer = {
  score: (result) => {
    const [docname, title, anchor, descr, score] = result;
    if (docname.startsWith("reports/")) return score + 30;
    if (docname.startsWith("guide/")) return score - 30;
    return score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
