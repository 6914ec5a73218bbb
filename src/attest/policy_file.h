// A relying party's policy as a JSON file (`nightjar attest verify --policy policy.json`):
//
//   {"allowed_platforms": ["gcp", "azure"],        default: every hardware TEE
//    "allow_debug": false,
//    "measurements": {"PCR0": "<hex>", "EXECUTABLE": "<hex>", "MEASUREMENT": "<hex>"},
//    "max_age_seconds": 300,
//    "snp_vmpl": 0,                                  null accepts any VMPL
//    "pinned_attestation_keys": ["<SHA-256 of the AK's SubjectPublicKeyInfo, hex>"],
//    "allow_unpinned_ak": false}
//
// Every key is optional and takes the Policy default when absent; an unknown key is refused,
// so a misspelt setting cannot silently leave the default in place. Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "attest/policy.h"
#include "base/status.h"

namespace nightjar::attest {

Result<Policy> parse_policy(std::string_view json);

}  // namespace nightjar::attest
