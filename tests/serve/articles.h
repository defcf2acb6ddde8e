// Articles written for the serve tests: two stories (a bridge closed after
// a barge struck it, told by three outlets, one of them twice in the same
// words; a library's reopening) and an article of nothing but markup.
#pragma once

#include <string>
#include <vector>

#include "precis/document.h"

namespace precis::serve::testing {

inline Document Article(std::string id, std::string title, std::string date, std::string source, std::string text) {
  Document d;
  d.id = std::move(id);
  d.title = std::move(title);
  d.date = std::move(date);
  d.source = std::move(source);
  d.url = "https://example.org/" + d.id;
  d.text = std::move(text);
  return d;
}

inline std::vector<Document> BridgeArticles() {
  return {
      Article("north-1", "Barge strikes Orlen river bridge, bridge closed", "2026-04-06", "North Courier",
              "A cargo barge struck the Orlen river bridge in Castelby on Monday morning, and the bridge was closed "
              "to all traffic.\nEngineers said two of the bridge's piers were damaged by the barge.\nTwelve people were "
              "injured when the barge struck the bridge, the Castelby fire service said.\nThe barge's captain told police the engine "
              "failed as the barge approached the bridge."),
      Article("east-1", "Orlen bridge closed after barge collision", "2026-04-06", "East Ledger",
              "The Orlen river bridge in Castelby was closed on Monday after a cargo barge struck it.\nFourteen "
              "people were injured when the barge struck the bridge, the regional hospital said.\nEngineers will inspect the "
              "damaged piers of the bridge before it can reopen, the city said.\nThe barge was carrying gravel "
              "downstream."),
      Article("south-1", "Castelby bridge to stay closed for weeks after barge crash", "2026-04-07",
              "South Herald",
              "The Orlen river bridge in Castelby will stay closed for at least three weeks after a cargo barge "
              "struck it on Monday, the city said.\nEngineers found cracks in two piers of the bridge.\nCommuters "
              "were told to use the ferry and the ring road while the bridge is closed."),
  };
}

inline Document LibraryArticle() {
  return Article("west-1", "Vennick library reopens after two-year renovation", "2026-04-07", "West Gazette",
                 "The Vennick public library reopened its doors on Tuesday after a renovation that lasted two "
                 "years.\nThe library now has a children's reading garden on its roof and a music room.\nReaders "
                 "queued along Harrow Street before the opening, and the mayor cut a ribbon at nine.");
}

}  // namespace precis::serve::testing
