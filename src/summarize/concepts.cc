// The "concepts" method: bigram concept coverage solved as an integer
// program (Gillick & Favre 2009, the ICSI summarizer of DUC/TAC).
//
// Concepts are the stemmed bigrams (not both stopwords) that at least
// `mindf` articles use, weighted by how many do. The program picks the
// sentences that cover the most concept weight within the budget:
//   max  sum_i w_i c_i
//   s.t. sum_j len_j s_j <= budget
//        s_j <= c_i            for every concept i of sentence j
//        sum_j occ_ij s_j >= c_i  for every concept i
//        c_i, s_j in {0, 1}
// A concept counts once however many chosen sentences hold it, so the
// program avoids redundancy by itself. GLPK solves it (Debian's libglpk;
// reentrant, one problem per call) to optimality within a time limit (1 s
// per story by default; when it is hit, the best solution found so far is
// used). The program's size is capped (`maxpairs` sentence-concept pairs,
// see Prune): the time limit does not cover building and presolving it, and
// its memory grows with it. Without a solution, or without any concept, the
// story falls back to the greedy "precis" selection.
#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <unordered_map>

#include "summarize/model.h"

namespace precis::summarize::detail {
namespace {

struct ProblemDeleter {
  void operator()(glp_prob* p) const { glp_delete_prob(p); }
};

// GLPK keeps an environment per thread that nothing frees when the thread
// ends (batch workers come and go): free it after each solve. Declared before
// the problem, so it runs after the problem is deleted.
struct EnvironmentRelease {
  ~EnvironmentRelease() { glp_free_env(); }
};

double Length(const Unit& u, const Budget& budget) {
  switch (budget.kind) {
    case BudgetKind::kWords: return static_cast<double>(u.words);
    case BudgetKind::kBytes: return static_cast<double>(u.bytes + 1);  // + the joining space
    case BudgetKind::kSentences: return 1.0;
  }
  return 1.0;
}

double Capacity(const Budget& budget) {
  // Bytes: n sentences take n - 1 joining spaces, counted above as n.
  return static_cast<double>(budget.limit) + (budget.kind == BudgetKind::kBytes ? 1.0 : 0.0);
}

// The sentences the program may choose, and the concepts they hold.
struct Candidates {
  std::vector<double> weight;                // per concept: how many articles use it
  std::vector<std::size_t> sentences;        // candidate units with a concept
  std::vector<std::vector<int>> holds;       // per candidate: its concepts
  std::vector<std::pair<int, int>> leans;    // (candidate, the one it leans on)
  std::size_t pairs = 0;                     // sentence-concept pairs: the program's size
};

Candidates CollectCandidates(const StoryModel& m, const Budget& budget, const Params& p) {
  Candidates out;
  // (Quotations of several sentences are left out: a part of one is not eligible.)
  const std::vector<bool> candidate = SentenceLike(m, p);
  const double docs = static_cast<double>(m.doc_ranges.size());
  const double min_df = p.Given("mindf") ? p.Get("mindf") : docs >= 4 ? 3 : 2;
  const double capacity = Capacity(budget);
  std::unordered_map<std::uint32_t, int> concept_row;  // bigram -> concept index
  // A sentence that leans on the one before may be chosen only with it.
  const bool dependencies = p.Get("standalone") != 0;
  std::vector<int> sentence_of(dependencies ? m.units.size() : 0, -1);  // unit -> candidate index
  for (std::size_t i = 0; i < m.units.size(); ++i) {
    if (!candidate[i] || Length(m.units[i], budget) > capacity) continue;
    const std::size_t before = m.units[i].depends_on;
    if (dependencies && before != kNoUnit && sentence_of[before] < 0) continue;
    std::vector<int> concepts;
    for (std::uint32_t b : m.units[i].bigrams) {
      const double df = m.bigram_doc_freq[b];
      if (df < min_df) continue;
      auto [it, inserted] = concept_row.try_emplace(b, static_cast<int>(out.weight.size()));
      if (inserted) out.weight.push_back(df);
      concepts.push_back(it->second);
    }
    if (concepts.empty()) continue;
    if (dependencies) {
      sentence_of[i] = static_cast<int>(out.sentences.size());
      if (before != kNoUnit) out.leans.emplace_back(sentence_of[i], sentence_of[before]);
    }
    out.pairs += concepts.size();
    out.sentences.push_back(i);
    out.holds.push_back(std::move(concepts));
  }
  return out;
}

// Keeps the program within `max_pairs` sentence-concept pairs: its memory
// and the time to build and presolve it grow with them (GLPK's time limit
// bounds only the search). The sentences that hold the most concept weight
// per unit of budget are kept (ties: the earlier), then those that lean on
// a dropped one are dropped too; concepts no kept sentence holds go. The
// stories of the shared benchmark sets need at most 4,741 pairs (duc2006),
// so the default cap leaves them as they are.
void Prune(const StoryModel& m, const Budget& budget, std::size_t max_pairs, Candidates* c) {
  if (c->pairs <= max_pairs) return;
  const std::size_t n = c->sentences.size();
  std::vector<double> density(n);
  for (std::size_t s = 0; s < n; ++s) {
    double covered = 0;
    for (int k : c->holds[s]) covered += c->weight[static_cast<std::size_t>(k)];
    density[s] = covered / std::max(Length(m.units[c->sentences[s]], budget), 1.0);
  }
  std::vector<std::size_t> order(n);
  for (std::size_t s = 0; s < n; ++s) order[s] = s;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return density[a] > density[b]; });
  std::vector<bool> keep(n, false);
  std::size_t pairs = 0;
  for (std::size_t s : order) {
    if (pairs + c->holds[s].size() > max_pairs) continue;  // a shorter one may still fit
    keep[s] = true;
    pairs += c->holds[s].size();
  }
  // Leans are listed in order and point backwards: one pass drops chains.
  for (const auto& [j, k] : c->leans) {
    if (!keep[static_cast<std::size_t>(k)]) keep[static_cast<std::size_t>(j)] = false;
  }
  Candidates out;
  std::vector<int> new_index(n, -1), concept_index(c->weight.size(), -1);
  for (std::size_t s = 0; s < n; ++s) {
    if (!keep[s]) continue;
    new_index[s] = static_cast<int>(out.sentences.size());
    std::vector<int> concepts;
    for (int k : c->holds[s]) {
      int& renumbered = concept_index[static_cast<std::size_t>(k)];
      if (renumbered < 0) {
        renumbered = static_cast<int>(out.weight.size());
        out.weight.push_back(c->weight[static_cast<std::size_t>(k)]);
      }
      concepts.push_back(renumbered);
    }
    out.pairs += concepts.size();
    out.sentences.push_back(c->sentences[s]);
    out.holds.push_back(std::move(concepts));
  }
  for (const auto& [j, k] : c->leans) {
    if (keep[static_cast<std::size_t>(j)]) {
      out.leans.emplace_back(new_index[static_cast<std::size_t>(j)], new_index[static_cast<std::size_t>(k)]);
    }
  }
  *c = std::move(out);
}

}  // namespace

ConceptSelection SelectConcepts(const StoryModel& m, const Budget& budget, const Params& p) {
  ConceptSelection out;
  // Solved to optimality (gap 0): stopping early at a 0.1% gap cost 1.8
  // points of ROUGE-2 on 20 DUC 2006 stories. The time limit bounds the
  // effort; only when it is hit may the result depend on the machine.
  // Clamped: GLPK stops the process on a negative gap or time limit.
  const double gap = std::clamp(p.Get("gap"), 0.0, 1.0);
  const double time_limit_ms = std::clamp(p.Get("timelimit"), 1.0, 3600000.0);
  const double capacity = Capacity(budget);
  const double max_pairs = std::clamp(p.Get("maxpairs"), 1.0, 1e9);

  Candidates c = CollectCandidates(m, budget, p);
  out.pairs_found = c.pairs;
  Prune(m, budget, static_cast<std::size_t>(max_pairs), &c);
  out.pairs_used = c.pairs;
  if (c.weight.empty()) return out;  // nothing recurs: the caller falls back
  const std::vector<double>& weight = c.weight;
  const std::vector<std::size_t>& sentences = c.sentences;
  const std::vector<std::vector<int>>& holds = c.holds;
  const std::vector<std::pair<int, int>>& leans = c.leans;

  const int n_concepts = static_cast<int>(weight.size());
  const int n_sentences = static_cast<int>(sentences.size());
  const EnvironmentRelease release_environment;
  std::unique_ptr<glp_prob, ProblemDeleter> lp(glp_create_prob());
  glp_set_obj_dir(lp.get(), GLP_MAX);
  // Columns: concepts 1..C, then sentences C+1..C+S.
  glp_add_cols(lp.get(), n_concepts + n_sentences);
  for (int c = 0; c < n_concepts; ++c) {
    glp_set_col_kind(lp.get(), c + 1, GLP_BV);
    glp_set_obj_coef(lp.get(), c + 1, weight[static_cast<std::size_t>(c)]);
  }
  for (int s = 0; s < n_sentences; ++s) {
    glp_set_col_kind(lp.get(), n_concepts + s + 1, GLP_BV);
    // A tiny preference for earlier sentences breaks ties deterministically
    // and towards the news-style order of importance.
    const Unit& u = m.units[sentences[static_cast<std::size_t>(s)]];
    glp_set_obj_coef(lp.get(), n_concepts + s + 1, 1e-3 / (1.0 + static_cast<double>(u.position)));
  }
  // Rows in GLPK's sparse form (1-based arrays; index 0 unused).
  std::vector<int> ia(1), ja(1);
  std::vector<double> ar(1);
  auto add = [&](int row, int col, double value) {
    ia.push_back(row);
    ja.push_back(col);
    ar.push_back(value);
  };
  int row = 0;
  // Budget.
  glp_add_rows(lp.get(), 1);
  ++row;
  glp_set_row_bnds(lp.get(), row, GLP_UP, 0.0, capacity);
  for (int s = 0; s < n_sentences; ++s) {
    add(row, n_concepts + s + 1, Length(m.units[sentences[static_cast<std::size_t>(s)]], budget));
  }
  // s_j - c_i <= 0 for each concept of each sentence.
  std::vector<std::vector<int>> held_by(weight.size());
  for (int s = 0; s < n_sentences; ++s) {
    for (int c : holds[static_cast<std::size_t>(s)]) {
      glp_add_rows(lp.get(), 1);
      ++row;
      glp_set_row_bnds(lp.get(), row, GLP_UP, 0.0, 0.0);
      add(row, n_concepts + s + 1, 1.0);
      add(row, c + 1, -1.0);
      held_by[static_cast<std::size_t>(c)].push_back(s);
    }
  }
  // sum_j s_j - c_i >= 0 for each concept.
  for (int c = 0; c < n_concepts; ++c) {
    glp_add_rows(lp.get(), 1);
    ++row;
    glp_set_row_bnds(lp.get(), row, GLP_LO, 0.0, 0.0);
    for (int s : held_by[static_cast<std::size_t>(c)]) add(row, n_concepts + s + 1, 1.0);
    add(row, c + 1, -1.0);
  }
  // s_j - s_k <= 0 when sentence j leans on sentence k.
  for (const auto& [j, k] : leans) {
    glp_add_rows(lp.get(), 1);
    ++row;
    glp_set_row_bnds(lp.get(), row, GLP_UP, 0.0, 0.0);
    add(row, n_concepts + j + 1, 1.0);
    add(row, n_concepts + k + 1, -1.0);
  }
  glp_load_matrix(lp.get(), static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());

  glp_iocp parameters;
  glp_init_iocp(&parameters);
  parameters.presolve = GLP_ON;
  parameters.msg_lev = GLP_MSG_OFF;
  parameters.tm_lim = static_cast<int>(time_limit_ms);
  parameters.mip_gap = gap;
  const int status = glp_intopt(lp.get(), &parameters);
  const int solution = glp_mip_status(lp.get());
  if ((status != 0 && status != GLP_ETMLIM) || (solution != GLP_OPT && solution != GLP_FEAS)) return out;
  out.solved = true;
  out.optimal = solution == GLP_OPT;
  for (int s = 0; s < n_sentences; ++s) {
    if (glp_mip_col_val(lp.get(), n_concepts + s + 1) < 0.5) continue;
    const std::size_t unit = sentences[static_cast<std::size_t>(s)];
    double covered = 0;
    for (int c : holds[static_cast<std::size_t>(s)]) covered += weight[static_cast<std::size_t>(c)];
    out.chosen.push_back(unit);
    out.scores.push_back(covered);
  }
  return out;
}

}  // namespace precis::summarize::detail
