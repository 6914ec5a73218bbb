#include <gtest/gtest.h>

#include <map>
#include <string>

#include "params/cache_dir.h"

namespace nightjar::params {
namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
}

TEST(ParamsCacheDir, OfficialLookupOrder) {
  EXPECT_EQ(*default_cache_dir(
                env_of({{"MIDNIGHT_PP", "/pp"}, {"XDG_CACHE_HOME", "/x"}, {"HOME", "/h"}})),
            "/pp");
  EXPECT_EQ(*default_cache_dir(env_of({{"XDG_CACHE_HOME", "/x"}, {"HOME", "/h"}})),
            "/x/midnight/zk-params");
  EXPECT_EQ(*default_cache_dir(env_of({{"HOME", "/h"}})), "/h/.cache/midnight/zk-params");
  EXPECT_FALSE(default_cache_dir(env_of({})).is_ok());
}

}  // namespace
}  // namespace nightjar::params
