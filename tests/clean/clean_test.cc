// Cleaning on articles written for these tests: junk that must go, and lines
// that look like junk but are article text and must stay.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "precis/clean.h"
#include "precis/error.h"
#include "precis/pipeline.h"
#include "test_support.h"

namespace precis {
namespace {

Document Doc(std::string text, std::string title = "") {
  Document doc;
  doc.id = "test";
  doc.title = std::move(title);
  doc.text = std::move(text);
  return doc;
}

bool Kept(const CleanedDocument& c, const std::string& text) {
  return std::any_of(c.paragraphs.begin(), c.paragraphs.end(), [&](const Paragraph& p) { return p.text == text; });
}

bool Removed(const CleanedDocument& c, const std::string& text) {
  return std::any_of(c.removed.begin(), c.removed.end(), [&](const RemovedLine& r) { return r.text == text; });
}

const char* const kArticle =
    "Harbour bridge to close for repairs\n"
    "\n"
    "The city council voted on Tuesday to close the old harbour bridge for six weeks of repairs, starting in March.\n"
    "Engineers found corrosion in two of the main cables during an inspection last autumn, the council said.\n";

// A "highlights" teaser the body repeats: the body's copy is kept and the
// teaser's removed, so that the text (and a brief) does not open with it; in
// text and in pages alike (pages used to keep both copies).
const char* const kTeaserOne = "The old harbour bridge will close for six weeks of repairs from March.";
const char* const kTeaserTwo = "Traffic will go over the northern crossing, which adds ten minutes.";
const char* const kBodyLead =
    "The city council voted on Tuesday to close the bridge after engineers found corroded cables last autumn.";

std::vector<std::string> BodyTexts(const CleanedDocument& c) {
  std::vector<std::string> out;
  for (const Paragraph& p : c.paragraphs) {
    if (p.kind == ParagraphKind::kBody) out.push_back(p.text);
  }
  return out;
}

TEST(CleanDocument, TeaserRepeatedInTheBodyKeepsTheBodyCopy) {
  const std::string text = std::string("Harbour bridge to close for repairs\n\n") + kTeaserOne + "\n" +
                           kTeaserTwo + "\n\n" + kBodyLead + "\n" + kTeaserOne + "\n" + kTeaserTwo + "\n";
  const auto c = CleanDocument(Doc(text));
  EXPECT_EQ(BodyTexts(c), (std::vector<std::string>{kBodyLead, kTeaserOne, kTeaserTwo}));
  ASSERT_FALSE(c.removed.empty());
  EXPECT_NE(c.removed[0].reason.find("teaser: repeated in the body at line"), std::string::npos) << c.removed[0].reason;

  const std::string page = std::string("<html><head><title>Harbour bridge to close for repairs</title></head><body>"
                                       "<article><h1>Harbour bridge to close for repairs</h1>"
                                       "<ul class=\"highlights\"><li>") +
                           kTeaserOne + "</li><li>" + kTeaserTwo + "</li></ul><p>" + kBodyLead + "</p><p>" + kTeaserOne +
                           "</p><p>" + kTeaserTwo + "</p></article></body></html>";
  Story story;
  Document doc;
  doc.id = "page.html";
  doc.html = page;
  story.docs.push_back(doc);
  const auto cleaned = CleanStoryInput(story, CleanOptions{});
  ASSERT_EQ(cleaned.size(), 1u);
  EXPECT_EQ(BodyTexts(cleaned[0]), (std::vector<std::string>{kBodyLead, kTeaserOne, kTeaserTwo}));

  // A line repeated further down without opening the article is the
  // author's (or a scrape's) repeat: the first copy stays, as before.
  const auto later = CleanDocument(Doc(std::string(kArticle) + kTeaserOne + "\n" + kBodyLead + "\n" + kTeaserOne + "\n"));
  EXPECT_EQ(BodyTexts(later).back(), kBodyLead);
}

TEST(CleanDocument, OneLineQuoteSurvives) {
  const auto c = CleanDocument(Doc(std::string(kArticle) + "\u201CIt has to be done.\u201D\n"
                                   "Traffic will be diverted over the northern crossing, which adds about ten minutes.\n"));
  EXPECT_TRUE(Kept(c, "\u201CIt has to be done.\u201D"));
}

// News-service typesetting codes go, from the text and the title; HTML
// entities written as text, and "&GT;", stay.
TEST(CleanDocument, WireCodesGo) {
  const auto c = CleanDocument(Doc(std::string(kArticle) + "&QL; &UR; Repairs will cost 4 million, the council said. &QL;\n"
                                   "&LR;\n"
                                   "Smith &amp; Sons won the contract &GT; the rest.\n",
                                   "&HT; HARBOUR BRIDGE TO CLOSE"));
  EXPECT_TRUE(Kept(c, "Repairs will cost 4 million, the council said."));
  EXPECT_TRUE(Kept(c, "Smith &amp; Sons won the contract &GT; the rest."));
  for (const Paragraph& p : c.paragraphs) EXPECT_EQ(p.text.find("&LR;"), std::string::npos) << p.text;
  EXPECT_EQ(c.doc.title, "HARBOUR BRIDGE TO CLOSE");
}

TEST(CleanDocument, ShortFinalSentenceSurvives) {
  const auto c = CleanDocument(Doc(std::string(kArticle) + "He declined to comment.\n"));
  EXPECT_TRUE(Kept(c, "He declined to comment."));
  EXPECT_TRUE(c.removed.empty());
}

// Calls to the reader that end a page go, however sentence-like; a last
// sentence of the article that speaks of "our" city, or names a chrome word
// without speaking to the reader, stays.
TEST(CleanDocument, CallsToTheReaderAtTheEndGo) {
  const auto c = CleanDocument(Doc(std::string(kArticle) +
                                   "The mayor said our city cannot wait another winter.\n"
                                   "Listen to the harbour report on our app.\n"
                                   "Comments are closed for this story.\n"));
  EXPECT_TRUE(Removed(c, "Listen to the harbour report on our app."));
  EXPECT_TRUE(Removed(c, "Comments are closed for this story."));
  EXPECT_TRUE(Kept(c, "The mayor said our city cannot wait another winter."));
  const auto kept = CleanDocument(Doc(std::string(kArticle) + "Comments from residents were mostly angry.\n"));
  EXPECT_TRUE(Kept(kept, "Comments from residents were mostly angry."));
}

TEST(CleanDocument, ListOfFactsSurvivesAndIsNotAHeading) {
  const auto c = CleanDocument(Doc(std::string(kArticle) +
                                   "- Length: 1.2 km\n- Opened: 1932\n- Daily crossings: 48,000\n"
                                   "The repairs will cost an estimated 14 million euros, the council said.\n"));
  for (const char* fact : {"Length: 1.2 km", "Opened: 1932", "Daily crossings: 48,000"}) {
    EXPECT_TRUE(Kept(c, fact)) << fact;
  }
  for (const Paragraph& p : c.paragraphs) EXPECT_EQ(p.kind, ParagraphKind::kBody) << p.text;
}

TEST(CleanDocument, SentenceMentioningChromeWordsSurvives) {
  const auto c = CleanDocument(Doc(std::string(kArticle) +
                                   "Shares in the contractor rose after the regulator said it would share its report "
                                   "with subscribers of the public tender list.\n"
                                   "The bridge carries a third of the city's commuter traffic.\n"));
  EXPECT_TRUE(c.removed.empty()) << c.removed[0].text << " / " << c.removed[0].reason;
}

TEST(CleanDocument, ChromeLinesGoWithReasons) {
  const auto c = CleanDocument(Doc(std::string(kArticle) +
                                   "Advertisement\n"
                                   "The work had been postponed twice because of budget disputes.\n"
                                   "Read more: Tram line extension approved\n"
                                   "Sign up for our newsletter and follow us on social media!\n"));
  EXPECT_TRUE(Removed(c, "Advertisement"));
  EXPECT_TRUE(Removed(c, "Read more: Tram line extension approved"));
  EXPECT_TRUE(Removed(c, "Sign up for our newsletter and follow us on social media!"));
  EXPECT_TRUE(Kept(c, "The work had been postponed twice because of budget disputes."));
  for (const RemovedLine& r : c.removed) EXPECT_FALSE(r.reason.empty());
}

TEST(CleanDocument, TitleFromFirstLineAndItsRepeatRemoved) {
  const auto c = CleanDocument(Doc(std::string(kArticle) + "HARBOUR BRIDGE TO CLOSE FOR REPAIRS\n"));
  EXPECT_EQ(c.doc.title, "Harbour bridge to close for repairs");
  EXPECT_EQ(c.title_line, 1u);
  EXPECT_TRUE(Removed(c, "HARBOUR BRIDGE TO CLOSE FOR REPAIRS"));
}

TEST(CleanDocument, MetadataTitleIsUsedAndFirstSentenceIsNotATitle) {
  const auto c = CleanDocument(
      Doc("The city council voted on Tuesday to close the old harbour bridge for repairs.\nIt reopens in May.\n",
          "Bridge closes"));
  EXPECT_EQ(c.doc.title, "Bridge closes");
  EXPECT_EQ(c.paragraphs.size(), 2u);
}

TEST(CleanDocument, DatelineWithTimeIsTheDateAndBareDateAboveHeadlineIsNot) {
  auto c = CleanDocument(Doc("3 Mar, 2023 09:15\n" + std::string(kArticle)));
  EXPECT_EQ(c.doc.date, "2023-03-03");
  c = CleanDocument(Doc("June 1, 2024\n" + std::string(kArticle)));
  EXPECT_EQ(c.doc.date, "");
  EXPECT_TRUE(Removed(c, "June 1, 2024"));
  c = CleanDocument(Doc(std::string("Harbour bridge to close for repairs\nPublished: Friday, March 3, 2023\n") +
                        (kArticle + std::string(kArticle).find('\n') + 1)));
  EXPECT_EQ(c.doc.date, "2023-03-03");
}

TEST(CleanDocument, MetadataDatesBecomeIsoDays) {
  Document d = Doc(kArticle);
  d.date = "2023-03-03T09:15:00Z";
  EXPECT_EQ(CleanDocument(d).doc.date, "2023-03-03");
  d.date = "March 3, 2023";
  EXPECT_EQ(CleanDocument(d).doc.date, "2023-03-03");
  d.date = "sometime in spring";
  EXPECT_EQ(CleanDocument(d).doc.date, "sometime in spring");
}

TEST(CleanDocument, HeadingsBetweenParagraphsAreMarked) {
  const auto c = CleanDocument(Doc(std::string(kArticle) + "What happens next\n"
                                   "Ferries will run every twenty minutes while the bridge is closed.\n"));
  ASSERT_TRUE(Kept(c, "What happens next"));
  for (const Paragraph& p : c.paragraphs) {
    EXPECT_EQ(p.kind == ParagraphKind::kHeading, p.text == "What happens next") << p.text;
  }
  const auto body = BodyParagraphs(c);
  EXPECT_EQ(std::count(body.begin(), body.end(), "What happens next"), 0);
}

TEST(CleanDocument, TeaserListAndIconRunRemoved) {
  const auto c = CleanDocument(Doc(
      "menu search close user bookmark facebook twitter mail print arrow left arrow right\n" + std::string(kArticle) +
      "Tram fares to rise in spring as the operator cites higher\u2026\n"
      "Mayor opens new library in the eastern district after years of\u2026\n"));
  EXPECT_EQ(c.removed.size(), 3u);
  EXPECT_EQ(c.doc.title, "Harbour bridge to close for repairs");
}

TEST(CleanDocument, PhotoCaptionWithCreditRemoved) {
  const auto c = CleanDocument(Doc(std::string(kArticle) +
                                   "Workers inspect the cables of the bridge (Photo: Jan Berg/City Archive)\n"
                                   "The bridge opened in 1932 (it was then the longest in the country).\n"));
  EXPECT_TRUE(Removed(c, "Workers inspect the cables of the bridge (Photo: Jan Berg/City Archive)"));
  EXPECT_TRUE(Kept(c, "The bridge opened in 1932 (it was then the longest in the country)."));
}

TEST(CleanDocument, BadInputNeverThrows) {
  EXPECT_TRUE(CleanDocument(Doc("")).paragraphs.empty());
  EXPECT_TRUE(CleanDocument(Doc("\n\n   \n")).paragraphs.empty());
  const auto c = CleanDocument(Doc("Broken \xff\xfe bytes in a line that is otherwise a sentence of text.\n"));
  ASSERT_EQ(c.paragraphs.size(), 1u);
  EXPECT_NE(c.paragraphs[0].text.find("\xEF\xBF\xBD"), std::string::npos);
  const std::string huge(2'000'000, 'a');
  EXPECT_NO_THROW(CleanDocument(Doc(huge + "\n" + huge)));
}

TEST(CleanStory, LinesRecurringAcrossOneOutletAreRemoved) {
  Story story;
  for (int i = 0; i < 3; ++i) {
    Document doc = Doc(std::string(kArticle) + "Article number " + std::to_string(i) +
                       " of the series looks at what the closure means for commuters.\n"
                       "Harbour Gazette is an independent local newspaper since 1901\n");
    doc.source = "Harbour Gazette";
    story.docs.push_back(doc);
  }
  Document other = story.docs[0];
  other.source = "Another Paper";
  story.docs.push_back(other);
  const auto cleaned = CleanStory(story);
  ASSERT_EQ(cleaned.size(), 4u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(Removed(cleaned[i], "Harbour Gazette is an independent local newspaper since 1901"));
  }
  EXPECT_TRUE(Kept(cleaned[3], "Harbour Gazette is an independent local newspaper since 1901"));
  // The article text the outlet's pieces share is kept: it is long prose.
  EXPECT_TRUE(Kept(cleaned[0], "The city council voted on Tuesday to close the old harbour bridge for six weeks of "
                               "repairs, starting in March."));
}

TEST(CleanOptions, LexiconFileIsUsedAndMissingOneIsAnError) {
  testing::TempDir dir;
  const auto path = dir.Write("xx.lexicon", "[lead]\nbridgewatch\n");
  CleanOptions options;
  options.lexicon_file = path.string();
  const auto c = CleanDocument(Doc(std::string(kArticle) + "Bridgewatch: live camera\n"), options);
  EXPECT_TRUE(Removed(c, "Bridgewatch: live camera"));
  options.lexicon_file = (dir.path() / "missing.lexicon").string();
  try {
    CleanDocument(Doc(kArticle), options);
    FAIL() << "expected precis::Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("missing.lexicon"), std::string::npos);
  }
}

}  // namespace
}  // namespace precis

namespace precis {
namespace {

TEST(CleanBatch, OutletChromeRecursAcrossStories) {
  std::vector<Story> stories(2);
  const char* const bodies[] = {
      "The council approved the new tram line on Monday after a long debate about its cost.\n",
      "Storms closed the airport for two days, stranding thousands of travellers in the city.\n"};
  for (int s = 0; s < 2; ++s) {
    Document doc;
    doc.id = "d" + std::to_string(s);
    doc.url = "https://www.gazette.example/news/" + std::to_string(s);
    doc.text = std::string(bodies[s]) + "Harbour Gazette newsroom, city edition\n";
    stories[s].docs.push_back(doc);
  }
  const auto batch = CleanBatch(stories);
  ASSERT_EQ(batch.size(), 2u);
  for (const auto& story : batch) {
    ASSERT_EQ(story.size(), 1u);
    ASSERT_EQ(story[0].removed.size(), 1u);
    EXPECT_NE(story[0].removed[0].reason.find("gazette.example"), std::string::npos) << story[0].removed[0].reason;
  }
  // One story alone has no repetition to go by.
  EXPECT_TRUE(CleanStory(stories[0])[0].removed.empty());
}

}  // namespace
}  // namespace precis
