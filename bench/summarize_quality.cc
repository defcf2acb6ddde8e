// summarize_quality: `precis bench` with tuning rows, for work on the
// summarizer's parameters. A thin wrapper over the bench library.
//
//   summarize_quality STORIES.jsonl [--preset multinews|tac|duc] [--methods a,b,...]
//                     [--method NAME] [--params "k=v,..."]... [--queries QUESTIONS.jsonl]
//                     [--threads N] [--limit N]
//
// Each --params adds one row: the default method with those parameters, or
// the method the last --method before it names.
// Everything else (presets, scoring, the table) is `precis bench`'s.
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "precis/bench.h"
#include "precis/error.h"

int main(int argc, char** argv) {
  using namespace precis;
  if (argc < 2) {
    std::cerr << "usage: summarize_quality STORIES.jsonl [--preset multinews|tac|duc] [--methods a,b] "
                 "[--method NAME] [--params k=v,...]... [--queries FILE] [--threads N] [--limit N]\n";
    return 2;
  }
  bench::BenchOptions options;
  std::string methods = "default,lead,centroid,lexrank,textrank";
  std::vector<std::pair<std::string, std::string>> params;  // (method, parameters)
  std::string method(summarize::DefaultMethod());
  std::size_t limit = 0;
  std::string queries;
  try {
    for (int i = 2; i + 1 < argc; i += 2) {
      const std::string flag = argv[i], value = argv[i + 1];
      if (flag == "--preset") options.preset = bench::GetPreset(value).name;
      else if (flag == "--methods") methods = value;
      else if (flag == "--method") method = value;
      else if (flag == "--params") params.emplace_back(method, value);
      else if (flag == "--threads") options.threads = std::stoi(value);
      else if (flag == "--queries") queries = value;
      else if (flag == "--limit") limit = static_cast<std::size_t>(std::stoul(value));
      else throw Error("unknown flag " + flag);
    }
    options.methods = bench::ParseMethods(methods);
    for (std::size_t i = 0; i < params.size(); ++i) {
      bench::MethodSpec spec;
      spec.name = "params-" + std::to_string(i + 1);
      spec.method = params[i].first;
      spec.params = params[i].second;
      options.methods.push_back(std::move(spec));
    }
  } catch (const std::exception& e) {
    std::cerr << "summarize_quality: " << e.what() << "\n";
    return 2;
  }
  try {
    bench::StorySet set = bench::LoadStories(argv[1], limit);
    if (!queries.empty()) bench::AttachQueries(queries, &set);
    bench::WriteText(std::cout, bench::RunBench(set, options));
  } catch (const Error& e) {
    std::cerr << "summarize_quality: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
