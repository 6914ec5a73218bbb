// Runs a test suite once per arithmetic backend this CPU supports, so the fast paths face the
// same checks as the portable kernels:
//
//   class MyTest : public testing::PerBackendTest {};
//   NIGHTJAR_INSTANTIATE_PER_BACKEND(MyTest);
//   TEST_P(MyTest, Something) { ... }
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "ff/backend.h"

namespace nightjar::testing {

class PerBackendTest : public ::testing::TestWithParam<ff::Backend> {
 protected:
  void SetUp() override { ASSERT_TRUE(ff::set_backend(GetParam()).is_ok()); }
  void TearDown() override { (void)ff::set_backend(saved_); }

 private:
  ff::Backend saved_ = ff::active_backend();
};

inline std::string backend_test_name(const ::testing::TestParamInfo<ff::Backend>& info) {
  return std::string(ff::backend_name(info.param));
}

}  // namespace nightjar::testing

#define NIGHTJAR_INSTANTIATE_PER_BACKEND(suite)                                       \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                           \
                           ::testing::ValuesIn(::nightjar::ff::supported_backends()), \
                           ::nightjar::testing::backend_test_name)
