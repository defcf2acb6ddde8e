// Outlets by name: each signal on its own (clean/outlet.h), then how the
// clean stage ranks them and cuts titles' site suffixes. Articles written
// for these tests.
#include <gtest/gtest.h>

#include <string>

#include "clean/outlet.h"
#include "precis/clean.h"

namespace precis {
namespace {

using clean_internal::CutSiteSuffix;
using clean_internal::DatelineOutlet;
using clean_internal::DomainOf;
using clean_internal::SourceLineOutlet;

TEST(Outlet, DomainOfAUrl) {
  EXPECT_EQ(DomainOf("https://www.aljazeera.com/news/2021/10/7/story"), "aljazeera.com");
  EXPECT_EQ(DomainOf("http://M.Harbour-Gazette.example:8080/a?b#c"), "harbour-gazette.example");
  EXPECT_EQ(DomainOf("https://news.example.org"), "news.example.org");
  EXPECT_EQ(DomainOf("harbour-gazette.example/a"), "");  // no scheme: not a URL
  EXPECT_EQ(DomainOf(""), "");
}

TEST(Outlet, SourceLines) {
  EXPECT_EQ(SourceLineOutlet("Source: Valley Courier and news agencies"), "Valley Courier");
  EXPECT_EQ(SourceLineOutlet("SOURCE: Reuters"), "Reuters");
  EXPECT_EQ(SourceLineOutlet("Sources: Northern Wire, AFP."), "Northern Wire");
  EXPECT_EQ(SourceLineOutlet("Source : https://www.valley-courier.example/a/b"), "valley-courier.example");
  // Credits that name no outlet.
  EXPECT_EQ(SourceLineOutlet("Source: news agencies"), "");
  EXPECT_EQ(SourceLineOutlet("Source: Getty Images"), "");
  EXPECT_EQ(SourceLineOutlet("Source: AP Photo"), "");
  EXPECT_EQ(SourceLineOutlet("Source: officials at the ministry said the plan was delayed"), "");
  EXPECT_EQ(SourceLineOutlet("Source: Harbour Police Service"), "");  // data, not the text
  EXPECT_EQ(SourceLineOutlet("Source: Lind A, Berg J, et al. Ferry Wakes and Shore Erosion. Coastal Notes. 2030."), "");
  EXPECT_EQ(SourceLineOutlet("Source: Ana Lind / Flickr"), "");
  // Not a source line at all.
  EXPECT_EQ(SourceLineOutlet("Sources close to the mayor said she would resign."), "");
  EXPECT_EQ(SourceLineOutlet("Resource: Valley Courier"), "");
}

TEST(Outlet, Datelines) {
  EXPECT_EQ(DatelineOutlet("KINGSTON (VW) \xE2\x80\x93 The river rose overnight."), "VW");
  EXPECT_EQ(DatelineOutlet("LONDON (Northern Wire) - Prices fell."), "Northern Wire");
  EXPECT_EQ(DatelineOutlet("BERLIN (AP) _ The trial opened."), "AP");
  EXPECT_EQ(DatelineOutlet("PORT ELLEN, Oct 7 (Reuters) - The ferry sailed."), "Reuters");
  EXPECT_EQ(DatelineOutlet("(Valley Courier) \xE2\x80\x94 The ferry sailed late."), "Valley Courier");
  EXPECT_EQ(DatelineOutlet("SAO PAULO (AFP/Reuters) - Rain fell."), "AFP");
  // Parentheses that hold no outlet, or sit elsewhere than a dateline.
  EXPECT_EQ(DatelineOutlet("KINGSTON (AP Photo) - The flooded square."), "");
  EXPECT_EQ(DatelineOutlet("KINGSTON (UPDATED) - The river rose."), "");
  EXPECT_EQ(DatelineOutlet("The mayor (a former engineer) - who built it - spoke."), "");
  EXPECT_EQ(DatelineOutlet("The council said (in a statement) that it would act."), "");
  EXPECT_EQ(DatelineOutlet("Kingston officials (KCO) said the river rose."), "");
  EXPECT_EQ(DatelineOutlet("Jane Hill (Labour) - the member for Kingston - spoke first."), "");
}

TEST(Outlet, SiteSuffixesAreCut) {
  // A section word goes, whatever the outlet.
  auto cut = CutSiteSuffix("Ferry service resumes after the storm - News", "", "");
  EXPECT_EQ(cut.title, "Ferry service resumes after the storm");
  EXPECT_EQ(cut.outlet, "");
  EXPECT_EQ(CutSiteSuffix("Ferry service resumes after the storm - Breaking News", "", "").title,
            "Ferry service resumes after the storm");
  // The known outlet, or the domain's.
  cut = CutSiteSuffix("Ferry service resumes after the storm | Valley Courier", "Valley Courier", "");
  EXPECT_EQ(cut.title, "Ferry service resumes after the storm");
  cut = CutSiteSuffix("Ferry service resumes after the storm \xE2\x80\x93 Valley Courier", "", "valleycourier.example");
  EXPECT_EQ(cut.title, "Ferry service resumes after the storm");
  EXPECT_EQ(cut.outlet, "Valley Courier");
  cut = CutSiteSuffix("Ferry service resumes after the storm \xE2\x80\x94 Northern Wire Agency", "", "nwa.example");
  EXPECT_EQ(cut.outlet, "Northern Wire Agency");  // its initials are the domain's
  // Nothing else known: a name with a media word, or any name after " | ".
  cut = CutSiteSuffix("Ferry service resumes after the storm - World - Valley News", "", "");
  EXPECT_EQ(cut.title, "Ferry service resumes after the storm");
  EXPECT_EQ(cut.outlet, "Valley News");
  cut = CutSiteSuffix("Ferry service resumes after the storm | Courier", "", "");
  EXPECT_EQ(cut.outlet, "Courier");
  EXPECT_EQ(CutSiteSuffix("Ferry service resumes after the storm | 02:51", "", "").title,
            "Ferry service resumes after the storm | 02:51");
}

TEST(Outlet, RealTitlesKeepTheirDashes) {
  // The left part is too short to be the title.
  EXPECT_EQ(CutSiteSuffix("Russia - NATO ties hit new low", "", "").title, "Russia - NATO ties hit new low");
  EXPECT_EQ(CutSiteSuffix("Harbour - News", "", "").title, "Harbour - News");
  // The last segment is too long to be a site's name.
  EXPECT_EQ(CutSiteSuffix("Ferry returns - and the island celebrates its return", "", "").title,
            "Ferry returns - and the island celebrates its return");
  // A place after a dash is not an outlet.
  EXPECT_EQ(CutSiteSuffix("Protesters gather outside the port - Kingston Harbour", "", "").title,
            "Protesters gather outside the port - Kingston Harbour");
  // A name that is not the known outlet stays.
  EXPECT_EQ(CutSiteSuffix("Talks stall over the fishing quota | Kingston", "Valley Courier", "").title,
            "Talks stall over the fishing quota | Kingston");
  EXPECT_EQ(CutSiteSuffix("Talks stall over the fishing quota | Kingston", "", "valleycourier.example").title,
            "Talks stall over the fishing quota | Kingston");
}

Document Article(const std::string& text) {
  Document doc;
  doc.id = "001_article.txt";
  doc.text = text;
  return doc;
}

const char* const kBody =
    "The island ferry returned to service on Tuesday after a week of storms kept it in port.\n"
    "Harbour officials said the crossing would run every two hours until the weekend.\n";

TEST(CleanOutlet, SourceLineIsRemovedButNamesTheOutlet) {
  const CleanedDocument c = CleanDocument(Article(std::string("Island ferry returns\n") + kBody +
                                                  "Source: Valley Courier and news agencies\n"));
  EXPECT_EQ(c.doc.source, "Valley Courier");
  EXPECT_EQ(c.source_signal, "source line at line 4");
  EXPECT_EQ(c.doc.text.find("Source:"), std::string::npos);
  ASSERT_EQ(c.removed.size(), 1u);
  EXPECT_EQ(c.removed[0].line, 4u);
}

TEST(CleanOutlet, DatelineNamesTheOutlet) {
  const CleanedDocument c = CleanDocument(Article(
      "Island ferry returns\n"
      "Crossings resume after a week of storms\n"
      "KINGSTON (VW) \xE2\x80\x93 The island ferry returned to service on Tuesday after a week of storms.\n"
      "Harbour officials said the crossing would run every two hours until the weekend.\n"));
  EXPECT_EQ(c.doc.source, "VW");
  EXPECT_EQ(c.source_signal, "dateline at line 3");
  const CleanedDocument caption = CleanDocument(Article(
      "Island ferry returns\n"
      "KINGSTON (AP Photo) \xE2\x80\x93 The island ferry returned to service on Tuesday after a week of storms.\n"
      "Harbour officials said the crossing would run every two hours until the weekend.\n"));
  EXPECT_EQ(caption.doc.source, "");
  EXPECT_EQ(caption.source_signal, "");
}

TEST(CleanOutlet, SignalsRankMetadataSourceLineTitleDatelineUrl) {
  const std::string text = std::string("Island ferry returns | Valley News\n") +
                           "KINGSTON (VW) \xE2\x80\x93 The island ferry returned to service on Tuesday after storms.\n" +
                           kBody + "Source: Valley Courier\n";
  Document doc = Article(text);
  doc.source = "Harbour Gazette";
  doc.url = "https://www.valley.example/ferry";
  EXPECT_EQ(CleanDocument(doc).doc.source, "Harbour Gazette");
  EXPECT_EQ(CleanDocument(doc).source_signal, "metadata");
  doc.source.clear();
  EXPECT_EQ(CleanDocument(doc).doc.source, "Valley Courier");
  // A dateline names who filed the text; a title's site suffix the page
  // that printed it, which the reader saw.
  doc.text = text.substr(0, text.find("Source:"));
  EXPECT_EQ(CleanDocument(doc).doc.source, "Valley News");
  EXPECT_EQ(CleanDocument(doc).source_signal, "title's site suffix");
  doc.text = std::string("Island ferry returns\n") + text.substr(text.find("KINGSTON"));
  doc.text = doc.text.substr(0, doc.text.find("Source:"));
  EXPECT_EQ(CleanDocument(doc).doc.source, "VW");
  doc.text = std::string("Island ferry returns | Valley News\n") + kBody;
  const CleanedDocument titled = CleanDocument(doc);
  EXPECT_EQ(titled.doc.source, "Valley News");  // it matches the domain
  EXPECT_EQ(titled.doc.title, "Island ferry returns");
  doc.url = "https://www.harbour.example/ferry";
  const CleanedDocument by_url = CleanDocument(doc);
  EXPECT_EQ(by_url.doc.source, "harbour.example");
  EXPECT_EQ(by_url.source_signal, "URL's domain");
  EXPECT_EQ(by_url.doc.title, "Island ferry returns | Valley News");  // not the domain's name
}

TEST(CleanOutlet, TitlesFromMetadataLoseTheirSuffixToo) {
  Document doc = Article(kBody);
  doc.title = "Island ferry returns to service - News";
  const CleanedDocument c = CleanDocument(doc);
  EXPECT_EQ(c.doc.title, "Island ferry returns to service");
  EXPECT_EQ(c.doc.source, "");  // a section word names no outlet
  // The headline printed in the text with its suffix is still its repeat.
  doc.text = std::string("Island ferry returns to service \xE2\x80\x93 News\n") + kBody;
  EXPECT_EQ(CleanDocument(doc).doc.text.find("Island ferry returns to service"), std::string::npos);
}

TEST(CleanOutlet, NothingKnownLeavesTheSourceEmpty) {
  const CleanedDocument c = CleanDocument(Article(std::string("Island ferry returns\n") + kBody));
  EXPECT_EQ(c.doc.source, "");  // never the file name
  EXPECT_EQ(c.source_signal, "");
}

}  // namespace
}  // namespace precis
