#include "precis/cluster_stream.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <limits>
#include <utility>

#include "common/threads.h"
#include "precis/error.h"
#include "precis/pipeline.h"

namespace precis::cluster {

namespace {

void Prepare(StreamArticle* item, bool clean, ArticleAnalyzer& analyzer) {
  Story one;
  one.docs.push_back(item->doc);
  Story cleaned = SummarizerInput(one, CleanStoryInput(one, CleanOptions{}, clean));
  item->cleaned = std::move(cleaned.docs.front());
  item->cleaned.id = item->doc.id;
  if (item->cleaned.text.find_first_not_of(" \t\n") == std::string::npos) {
    item->error = item->where + "article \"" + item->doc.id +
                  "\": no article text once cleaned (the article is empty, or holds only page junk or markup)";
    return;
  }
  item->features = analyzer.Analyze(item->cleaned);
}

}  // namespace

void PrepareArticles(std::vector<StreamArticle>& articles, bool clean, std::vector<ArticleAnalyzer>& analyzers) {
  if (analyzers.empty() || articles.empty()) return;
  std::atomic<std::size_t> next{0}, worker{0};
  RunOnThreads(std::min(analyzers.size(), articles.size()), [&] {
    ArticleAnalyzer& analyzer = analyzers[worker++];
    for (std::size_t i = next++; i < articles.size(); i = next++) {
      if (!articles[i].error.empty()) continue;  // a problem of the input, already told
      try {
        Prepare(&articles[i], clean, analyzer);
      } catch (const std::exception& e) {
        articles[i].error = articles[i].where + "article \"" + articles[i].doc.id + "\": " + e.what();
      }
    }
  });
}

std::string StoryName(std::uint64_t id) { return "story-" + std::to_string(id); }

std::string StoryDocJson(const StreamArticle& item, const Assignment& a) {
  nlohmann::json j;
  j["id"] = item.doc.id;
  const std::string& title = item.doc.title.empty() ? item.cleaned.title : item.doc.title;
  const std::string& date = item.doc.date.empty() ? item.cleaned.date : item.doc.date;
  if (!title.empty()) j["title"] = title;
  if (!date.empty()) j["date"] = date;
  if (!item.doc.source.empty()) j["source"] = item.doc.source;
  if (!item.doc.url.empty()) j["url"] = item.doc.url;
  if (!item.doc.author.empty()) j["author"] = item.doc.author;
  if (!item.doc.language.empty()) j["language"] = item.doc.language;
  if (!item.doc.html.empty()) {
    j["html"] = item.doc.html;
  } else {
    j["text"] = item.doc.text;
  }
  if (a.copy_of) j["copy_of"] = *a.copy_of;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

StreamClusterer::StreamClusterer(const StreamOptions& options)
    : options_(options), clusterer_(options.options), last_dated_(-std::numeric_limits<double>::infinity()) {}

void StreamClusterer::Add(StreamArticle article) {
  ++counts_.read;
  if (!article.error.empty()) {
    ++counts_.failed;
    return;
  }
  const double day = article.features.day.value_or(last_dated_);
  if (article.features.day) last_dated_ = *article.features.day;
  const std::size_t seq = article.seq;
  waiting_.push({day, seq, std::make_unique<StreamArticle>(std::move(article))});
  while (waiting_.size() > options_.reorder) ClusterNext();
}

void StreamClusterer::Finish() {
  while (!waiting_.empty()) ClusterNext();
  Close(clusterer_.Finish());
}

void StreamClusterer::ClusterNext() {
  // The queue's top is const: its article is moved out through the pointer.
  std::unique_ptr<StreamArticle> item = std::move(const_cast<Waiting&>(waiting_.top()).article);
  waiting_.pop();
  const Assignment a = clusterer_.Add(item->features);
  ++counts_.clustered;
  counts_.copies += a.copy_of.has_value();
  if (a.new_story) ++counts_.stories;
  placed_.push_back({item->seq, item->doc.id, a.story, a.new_story, a.copy_of});
  if (options_.keep_docs) {
    StoryDocs& story = held_[a.story];
    story.id = a.story;
    story.docs.push_back(StoryDocJson(*item, a));
    story.seqs.push_back(item->seq);
  }
  Close(clusterer_.TakeClosed());
}

void StreamClusterer::Close(const std::vector<ClosedStory>& closed) {
  if (!options_.keep_docs) return;
  for (const ClosedStory& story : closed) {
    auto it = held_.find(story.id);
    if (it == held_.end()) continue;
    if (it->second.docs.size() < options_.min_size) {
      ++counts_.small;
      counts_.small_articles += it->second.docs.size();
    } else {
      closed_.push_back(std::move(it->second));
      ++counts_.written;
    }
    held_.erase(it);
  }
}

std::vector<StreamClusterer::Placed> StreamClusterer::TakePlaced() { return std::exchange(placed_, {}); }

std::vector<StreamClusterer::StoryDocs> StreamClusterer::TakeStories() { return std::exchange(closed_, {}); }

std::vector<StreamClusterer::StoryDocs> StreamClusterer::OpenStories() const {
  std::vector<StoryDocs> open;
  open.reserve(held_.size());
  for (const auto& entry : held_) open.push_back(entry.second);
  std::sort(open.begin(), open.end(), [](const StoryDocs& a, const StoryDocs& b) { return a.id < b.id; });
  return open;
}

}  // namespace precis::cluster
