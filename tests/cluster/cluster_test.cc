// The online clusterer on articles written for these tests.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "precis/cluster.h"
#include "precis/error.h"
#include "test_support.h"

namespace precis {
namespace {

Document Article(std::string id, std::string title, std::string date, std::string text) {
  Document d = testing::MakeDoc(std::move(id), std::move(text), std::move(date));
  d.title = std::move(title);
  return d;
}

// Two crashes a week apart: the same kind of event, told with the same
// words (plane, crash, runway, passengers, investigators), but different
// places, airlines and people.
std::vector<Document> PlaneCrashes() {
  return {
      Article("crash1-a", "Cargo plane crashes on landing at Vellmar airport", "2026-04-03",
              "A cargo plane operated by Nordair crashed while landing at Vellmar airport on Friday night, killing "
              "both pilots.\nThe twin-engine aircraft skidded off the end of the runway in heavy fog and broke apart "
              "in a field beside the perimeter fence.\nInvestigators from the national air accident bureau arrived "
              "at Vellmar on Saturday morning to recover the flight recorders.\nNordair said the plane was carrying "
              "mail and medical supplies and that no passengers were on board."),
      Article("crash1-b", "Nordair crash: fog and a short runway", "2026-04-04",
              "Fog had closed Vellmar airport to passenger flights for most of Friday evening before the Nordair "
              "cargo plane attempted its landing, airport staff said.\nThe runway at Vellmar is one of the shortest "
              "in the country, and pilots' unions have asked for years for it to be lengthened.\nThe accident "
              "bureau said it would examine whether the crew should have diverted to another airport.\nThe two "
              "pilots, both in their forties, had flown the Vellmar route for Nordair since 2019."),
      Article("crash2-a", "Passenger plane crashes after take-off from Ostrava Lake", "2026-04-10",
              "A regional passenger plane operated by Skylane crashed shortly after take-off from Ostrava Lake "
              "airfield on Friday, killing 14 of the 38 passengers and crew.\nWitnesses said the aircraft lost "
              "height over the lake and came down in a marsh north of the runway.\nRescuers in boats reached the "
              "wreck within twenty minutes and took 24 survivors to hospitals in Kerrin.\nSkylane grounded its "
              "three other turboprops of the same model while investigators examine the engines."),
      Article("crash1-c", "Vellmar crash report points to altimeter fault", "2026-04-11",
              "A preliminary report into last week's Nordair cargo crash at Vellmar airport says one of the "
              "aircraft's altimeters gave a false reading during the approach in fog.\nThe accident bureau said the "
              "pilots of the Nordair plane had followed the landing procedure for the Vellmar runway.\nNordair has "
              "checked the altimeters of its whole fleet and found no other fault."),
      Article("crash2-b", "Skylane crash survivors describe moment engine failed", "2026-04-11",
              "Survivors of Friday's Skylane crash at Ostrava Lake said they heard a bang from the left engine "
              "seconds after take-off.\nOne passenger, a teacher from Kerrin, said the plane tilted sharply before "
              "it hit the marsh.\nHospitals in Kerrin said nine of the 24 survivors were still in intensive "
              "care.\nInvestigators have recovered both engines of the Skylane turboprop from the marsh."),
  };
}

std::map<std::string, std::uint64_t> Cluster(const std::vector<Document>& docs, const cluster::Options& options = {}) {
  cluster::Clusterer clusterer(options);
  std::map<std::string, std::uint64_t> story;
  for (const Document& d : docs) story[d.id] = clusterer.Add(d).story;
  return story;
}

TEST(Cluster, TwoPlaneCrashesAWeekApartAreTwoStories) {
  const auto story = Cluster(PlaneCrashes());
  EXPECT_EQ(story.at("crash1-a"), story.at("crash1-b"));
  EXPECT_EQ(story.at("crash1-a"), story.at("crash1-c"));
  EXPECT_EQ(story.at("crash2-a"), story.at("crash2-b"));
  EXPECT_NE(story.at("crash1-a"), story.at("crash2-a"));
}

// The same event, once as a short wire item and once as a feature in other
// words; what they share is the names.
TEST(Cluster, OneEventInVeryDifferentWords) {
  const std::vector<Document> docs = {
      Article("wire", "Brennick mine flooded, 40 miners rescued", "2026-05-02",
              "All 40 miners trapped by flooding at the Brennick copper mine were brought to the surface on "
              "Saturday, the mine's owner Calder Metals said.\nWater from an underground spring flooded the lower "
              "galleries of the Brennick mine on Thursday."),
      Article("feature", "Forty hours underground: how Brennick's men got out", "2026-05-03",
              "When the spring burst through the rock wall, Ivo Marek thought of his daughter.\nFor forty hours he "
              "and his crew sat on a ledge above the black water in Brennick, sharing two bottles and a torch, while "
              "pumps roared above them.\nCalder Metals brought divers from the coast; in the end it was the pumps, "
              "not the divers, that reached them.\n\"We walked out,\" Marek said. \"Wet, but we walked.\""),
      // Unrelated, so that document frequencies say that mine and water are
      // not rare words.
      Article("other", "Harbour water quality improves", "2026-05-03",
              "Water samples from the harbour met bathing standards for the first time in a decade, the city's "
              "environment office said on Saturday.\nThe office credited a new sewage plant upstream."),
  };
  cluster::Options options;
  const auto story = Cluster(docs, options);
  EXPECT_EQ(story.at("wire"), story.at("feature"));
  EXPECT_NE(story.at("wire"), story.at("other"));
}

TEST(Cluster, CopiesJoinTheirOriginalAndSayWhichItIs) {
  std::vector<Document> docs = PlaneCrashes();
  Document copy = docs[2];
  copy.id = "crash2-a-copy";
  copy.date = "2026-04-10T18:30";
  // The same wire text with an outlet's touch: a word changed, a sentence added.
  copy.text.replace(copy.text.find("on Friday"), 9, "on Friday afternoon");
  copy.text += "\nMore to follow.";
  docs.insert(docs.begin() + 3, copy);
  cluster::Clusterer clusterer;
  std::map<std::string, cluster::Assignment> result;
  for (const Document& d : docs) result[d.id] = clusterer.Add(d);
  ASSERT_TRUE(result.at("crash2-a-copy").copy_of.has_value());
  EXPECT_EQ(*result.at("crash2-a-copy").copy_of, "crash2-a");
  EXPECT_EQ(result.at("crash2-a-copy").story, result.at("crash2-a").story);
  // Not a copy: another article of the same story.
  EXPECT_FALSE(result.at("crash2-b").copy_of.has_value());
  EXPECT_FALSE(result.at("crash1-b").copy_of.has_value());
}

TEST(Cluster, ArticlesWithoutDatesStillFindTheirStory) {
  std::vector<Document> docs = PlaneCrashes();
  docs[0].date.clear();  // the first one, before the clock is set
  docs[4].date.clear();
  docs[3].date = "last Tuesday";  // unreadable: undated
  const auto story = Cluster(docs);
  EXPECT_EQ(story.at("crash1-a"), story.at("crash1-b"));
  EXPECT_EQ(story.at("crash1-a"), story.at("crash1-c"));
  EXPECT_EQ(story.at("crash2-a"), story.at("crash2-b"));
  EXPECT_NE(story.at("crash1-a"), story.at("crash2-a"));
}

TEST(Cluster, AnArticleOfNoStoryStandsAlone) {
  std::vector<Document> docs = PlaneCrashes();
  docs.insert(docs.begin() + 2,
              Article("recipe", "A spring soup of nettles", "2026-04-05",
                      "Pick the young tops of nettles with gloves, wash them and wilt them in butter with a chopped "
                      "onion.\nAdd a litre of stock and two diced potatoes, simmer for twenty minutes and blend "
                      "until smooth.\nFinish with cream and a grating of nutmeg."));
  cluster::Clusterer clusterer;
  std::map<std::string, cluster::Assignment> result;
  for (const Document& d : docs) result[d.id] = clusterer.Add(d);
  EXPECT_TRUE(result.at("recipe").new_story);
  for (const auto& [id, a] : result) {
    if (id != "recipe") {
      EXPECT_NE(a.story, result.at("recipe").story) << id;
    }
  }
}

TEST(Cluster, StoryIdsAreStableAndInOrderOfCreation) {
  const auto first = Cluster(PlaneCrashes());
  const auto again = Cluster(PlaneCrashes());
  EXPECT_EQ(first, again);
  EXPECT_EQ(first.at("crash1-a"), 1u);
  EXPECT_EQ(first.at("crash2-a"), 2u);
}

TEST(Cluster, StoriesIdleLongerThanTheWindowAreClosed) {
  cluster::Options options;
  options.window_days = 5;
  cluster::Clusterer clusterer(options);
  const std::vector<Document> docs = PlaneCrashes();
  const auto a = clusterer.Add(docs[0]);  // 04-03
  clusterer.Add(docs[1]);                 // 04-04
  EXPECT_TRUE(clusterer.TakeClosed().empty());
  clusterer.Add(docs[2]);  // 04-10: the Vellmar story was idle six days
  const auto closed = clusterer.TakeClosed();
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].id, a.story);
  EXPECT_EQ(closed[0].size, 2u);
  EXPECT_EQ(clusterer.open_stories(), 1u);
  // A later article on it starts a new story: the old one is gone.
  EXPECT_NE(clusterer.Add(docs[3]).story, a.story);
  const auto rest = clusterer.Finish();
  EXPECT_EQ(rest.size(), 2u);
  EXPECT_EQ(clusterer.open_stories(), 0u);
}

TEST(Cluster, OpenStoriesAreBounded) {
  cluster::Options options;
  options.max_open_stories = 2;
  cluster::Clusterer clusterer(options);
  const char* const texts[] = {
      "The orchestra announced its winter season of seven concerts.",
      "Wheat prices climbed after the harvest forecast was cut.",
      "A new bridge opened across the canal in the northern district.",
      "The chess championship ended in a draw after twelve games.",
      "Volunteers planted four hundred oak saplings along the motorway.",
  };
  const char* const dates[] = {"2026-04-01", "2026-04-02", "2026-04-03", "2026-04-04", "2026-04-05"};
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(clusterer.Add(Article(dates[i], "", dates[i], texts[i])).new_story);
    EXPECT_LE(clusterer.open_stories(), 2u);
  }
  EXPECT_EQ(clusterer.TakeClosed().size(), 3u);
}

// The fast path: words' first bytes as terms, read in one pass with the
// 4-grams. The stories of the scenarios above come out the same.
TEST(Cluster, WordKeysFindTheSameStories) {
  cluster::Options options;
  options.word_key_bytes = 6;
  std::vector<Document> docs = PlaneCrashes();
  Document copy = docs[2];
  copy.id = "crash2-a-copy";
  copy.text += "\nMore to follow.";
  docs.insert(docs.begin() + 3, copy);
  cluster::Clusterer clusterer(options);
  std::map<std::string, cluster::Assignment> result;
  for (const Document& d : docs) result[d.id] = clusterer.Add(d);
  EXPECT_EQ(result.at("crash1-a").story, result.at("crash1-b").story);
  EXPECT_EQ(result.at("crash1-a").story, result.at("crash1-c").story);
  EXPECT_EQ(result.at("crash2-a").story, result.at("crash2-b").story);
  EXPECT_NE(result.at("crash1-a").story, result.at("crash2-a").story);
  ASSERT_TRUE(result.at("crash2-a-copy").copy_of.has_value());
  EXPECT_EQ(*result.at("crash2-a-copy").copy_of, "crash2-a");
}

TEST(Cluster, WordKeysCutWordsAndSkipStopwordsAndNumbers) {
  cluster::Options options;
  options.word_key_bytes = 6;
  options.title_weight = 2;
  cluster::ArticleAnalyzer analyzer(options);
  const cluster::ArticleFeatures f =
      analyzer.Analyze(Article("a", "Islands", "2026-01-01", "The island and the islands of 2026, in the Tarvo Islands."));
  // "island", "islands" (title and body) and "Islands": one key; "tarvo";
  // "the", "and", "of", "in" and "2026" are not terms.
  ASSERT_EQ(f.terms.size(), 2u);
  float island = 0, tarvo = 0;
  for (const auto& [term, weight] : f.terms) (weight > 1.5f ? island : tarvo) = weight;
  EXPECT_EQ(island, 2.0f + 3.0f);
  EXPECT_EQ(tarvo, 1.0f);
  // "Tarvo" and "Islands" inside a sentence name something.
  EXPECT_EQ(f.names.size(), 2u);
}

// One pass gives the 4-grams that summarize/copies.cc gives: copies are
// found alike on either path.
TEST(Cluster, WordKeysKeepTheSame4Grams) {
  cluster::Options keys;
  keys.word_key_bytes = 6;
  cluster::ArticleAnalyzer stems, fast(keys);
  for (const Document& d : PlaneCrashes()) {
    const cluster::ArticleFeatures a = stems.Analyze(d), b = fast.Analyze(d);
    EXPECT_EQ(a.shingles, b.shingles) << d.id;
    EXPECT_EQ(a.shingle_count, b.shingle_count) << d.id;
  }
}

TEST(Cluster, ParseDayReadsIsoDatesOnly) {
  EXPECT_EQ(cluster::ParseDay("1970-01-02"), 1.0);
  EXPECT_EQ(cluster::ParseDay("2000-03-01").value() - cluster::ParseDay("2000-02-28").value(), 2.0);  // leap year
  EXPECT_EQ(cluster::ParseDay("2026-04-10T12:00Z").value() - cluster::ParseDay("2026-04-10").value(), 0.5);
  EXPECT_FALSE(cluster::ParseDay("1998-30-06"));
  EXPECT_FALSE(cluster::ParseDay("2025-02-29"));
  EXPECT_FALSE(cluster::ParseDay(""));
  EXPECT_FALSE(cluster::ParseDay("April 10, 2026"));
}

TEST(Cluster, OptionsOutOfRangeAreRefused) {
  cluster::Options options;
  options.threshold = 1.5;
  EXPECT_THROW(cluster::Clusterer{options}, Error);
  options = {};
  options.window_days = 0;
  EXPECT_THROW(cluster::Clusterer{options}, Error);
  options = {};
  options.word_key_bytes = 9;
  EXPECT_THROW(cluster::Clusterer{options}, Error);
  options = {};
  options.max_candidates = 0;
  EXPECT_THROW(cluster::Clusterer{options}, Error);
}

}  // namespace
}  // namespace precis
