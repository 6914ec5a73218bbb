#include "server/router.h"

#include <gtest/gtest.h>

namespace nightjar::server {
namespace {

Endpoint route(std::string_view method, std::string_view target, bool fetch = true) {
  return resolve_route(method, target, false, RouterConfig{fetch}).endpoint;
}

TEST(Router, OfficialPathsAndMethods) {
  EXPECT_EQ(route("GET", "/"), Endpoint::kHealth);
  EXPECT_EQ(route("GET", "/health"), Endpoint::kHealth);
  EXPECT_EQ(route("GET", "/ready"), Endpoint::kReady);
  EXPECT_EQ(route("GET", "/version"), Endpoint::kVersion);
  EXPECT_EQ(route("GET", "/proof-versions"), Endpoint::kProofVersions);
  EXPECT_EQ(route("POST", "/check"), Endpoint::kCheck);
  EXPECT_EQ(route("POST", "/prove-tx"), Endpoint::kProveTx);
  EXPECT_EQ(route("GET", "/metrics"), Endpoint::kMetrics);
}

TEST(Router, WrongMethodIsNotFoundAsOfficial) {
  EXPECT_EQ(route("GET", "/check"), Endpoint::kNotFound);
  EXPECT_EQ(route("POST", "/health"), Endpoint::kNotFound);
  EXPECT_EQ(route("HEAD", "/health"), Endpoint::kNotFound);
  EXPECT_EQ(route("PUT", "/check"), Endpoint::kNotFound);
  EXPECT_EQ(route("OPTIONS", "/check"), Endpoint::kNotFound);  // not a preflight
}

TEST(Router, ProveAndK) {
  EXPECT_EQ(route("POST", "/prove"), Endpoint::kProve);
  EXPECT_EQ(route("POST", "/k"), Endpoint::kK);
  EXPECT_EQ(resolve_route("POST", "/prove", false, {}).label, "/prove");
  EXPECT_EQ(resolve_route("POST", "/k?x", false, {}).label, "/k");
  // The official integration tests assert 404 for a wrong method.
  EXPECT_EQ(route("GET", "/prove"), Endpoint::kNotFound);
  EXPECT_EQ(route("GET", "/k"), Endpoint::kNotFound);
}

TEST(Router, ExactPathsQueryIgnored) {
  EXPECT_EQ(route("GET", "/health?x=1"), Endpoint::kHealth);
  EXPECT_EQ(route("POST", "/check?"), Endpoint::kCheck);
  EXPECT_EQ(route("GET", "/health/"), Endpoint::kNotFound);
  EXPECT_EQ(route("GET", "//health"), Endpoint::kNotFound);
  EXPECT_EQ(route("GET", "/HEALTH"), Endpoint::kNotFound);
  EXPECT_EQ(route("GET", ""), Endpoint::kNotFound);
  EXPECT_EQ(route("GET", "*"), Endpoint::kNotFound);
}

TEST(Router, FetchParamsTakesAU8) {
  Route r = resolve_route("GET", "/fetch-params/15", false, {});
  EXPECT_EQ(r.endpoint, Endpoint::kFetchParams);
  EXPECT_EQ(r.k, 15u);
  EXPECT_EQ(r.label, "/fetch-params");
  // Out of range for the store but a valid u8: routed, refused later with 400.
  EXPECT_EQ(resolve_route("GET", "/fetch-params/255", false, {}).k, 255u);
  EXPECT_EQ(resolve_route("GET", "/fetch-params/+7", false, {}).k, 7u);
  EXPECT_EQ(resolve_route("GET", "/fetch-params/007", false, {}).k, 7u);
  // Not a u8: actix's path extractor fails and the route does not match.
  for (const char* t :
       {"/fetch-params/256", "/fetch-params/-1", "/fetch-params/", "/fetch-params/x",
        "/fetch-params/1.0", "/fetch-params/1/2", "/fetch-params/99999999999"}) {
    EXPECT_EQ(route("GET", t), Endpoint::kNotFound) << t;
  }
  EXPECT_EQ(route("POST", "/fetch-params/5"), Endpoint::kNotFound);
}

TEST(Router, FetchParamsOnlyWhenFetchingIsOn) {
  EXPECT_EQ(route("GET", "/fetch-params/5", false), Endpoint::kNotFound);
}

TEST(Router, PreflightForAnyPath) {
  EXPECT_EQ(resolve_route("OPTIONS", "/check", true, {}).endpoint, Endpoint::kPreflight);
  EXPECT_EQ(resolve_route("OPTIONS", "/nowhere", true, {}).endpoint, Endpoint::kPreflight);
  // A preflight is an OPTIONS request; other methods route normally.
  EXPECT_EQ(resolve_route("POST", "/check", true, {}).endpoint, Endpoint::kCheck);
}

TEST(Router, AttestationOnlyWhenTheServerAttests) {
  EXPECT_EQ(route("GET", "/attestation?nonce=00"), Endpoint::kNotFound);
  const RouterConfig attesting{true, true};
  EXPECT_EQ(resolve_route("GET", "/attestation?nonce=00", false, attesting).endpoint,
            Endpoint::kAttestation);
  EXPECT_EQ(resolve_route("GET", "/attestation", false, attesting).label, "/attestation");
  EXPECT_EQ(resolve_route("POST", "/attestation", false, attesting).endpoint, Endpoint::kNotFound);
}

TEST(Router, LabelsAreFixedStrings) {
  EXPECT_EQ(resolve_route("GET", "/anything/at/all", false, {}).label, "unmatched");
  EXPECT_EQ(resolve_route("GET", "/fetch-params/3", false, {}).label, "/fetch-params");
}

}  // namespace
}  // namespace nightjar::server
