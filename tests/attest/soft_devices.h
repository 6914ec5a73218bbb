// Software doubles of the devices the collectors drive, behaving as the real ones do where the
// collectors and verifiers can tell:
//   SoftTpm  a TPM 2.0 with a SHA-256 PCR bank, NV indices, endorsement-hierarchy primaries (the
//            same template gives the same key), persistent keys, and quotes marshalled as
//            TPMS_ATTEST and signed like a TPM's (ECDSA or RSASSA, SHA-256);
//   FakeTsm  configfs-tsm: the report for an inblob comes from a callback;
//   FakeNsm  /dev/nsm: attestation documents signed by a test Nitro PKI, PCR 16 extendable;
//   FakeMetadata  the instance metadata service: one fixed answer, bounded as the real getter
//            bounds it, and the paths asked for.
// Single-threaded, like the collectors that use them.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "attest/imds_client.h"
#include "attest/nsm.h"
#include "attest/tpm_device.h"
#include "attest/tpm_public.h"
#include "attest/tsm_report.h"
#include "tests/attest/nitro_forge.h"
#include "tests/attest/test_pki.h"

namespace nightjar::attest::testing {

class SoftTpm : public TpmDevice {
 public:
  SoftTpm();

  std::map<uint32_t, std::vector<uint8_t>> nv;
  std::array<std::vector<uint8_t>, 24> pcrs;
  // Runs after each quote, before the collector reads the PCRs back.
  std::function<void(SoftTpm&)> after_quote;
  int quotes = 0;

  // A persistent attestation key at `handle` (an RSA or P-256 key pair).
  void add_persistent_ak(uint32_t handle, KeyPair key);
  void extend(uint32_t pcr, std::span<const uint8_t> digest);

  Result<std::vector<uint8_t>> nv_read(uint32_t index) override;
  Result<std::vector<uint8_t>> create_endorsement_ak(
      std::span<const uint8_t> tpmt_public_template) override;
  Result<std::vector<uint8_t>> load_persistent_ak(uint32_t handle) override;
  Result<std::map<uint32_t, std::vector<uint8_t>>> pcr_read(
      uint16_t bank, std::span<const uint32_t> pcrs) override;
  Status pcr_extend(uint32_t pcr, uint16_t bank, std::span<const uint8_t> digest) override;
  Result<TpmQuoteResult> quote(std::span<const uint8_t> qualifying_data, uint16_t bank,
                               std::span<const uint32_t> pcrs) override;

  // The current AK's public area and private key.
  const std::vector<uint8_t>& ak_public() const { return ak_public_; }

 private:
  struct Key {
    std::vector<uint8_t> tpmt_public;
    std::shared_ptr<KeyPair> pair;
  };
  std::map<std::vector<uint8_t>, Key> primaries_;  // by template
  std::map<uint32_t, Key> persistent_;
  std::vector<uint8_t> ak_public_;
  std::shared_ptr<KeyPair> ak_;
};

// The TPMT_PUBLIC of `key` as an attestation key (`attributes` as given).
std::vector<uint8_t> ak_public_area(const KeyPair& key, uint32_t attributes);

class FakeTsm : public TsmFilesystem {
 public:
  std::function<std::vector<uint8_t>(const std::array<uint8_t, 64>&)> make_report;
  std::vector<uint8_t> auxblob;
  std::string provider = "sev_guest";
  // Bumps the generation between the two reads this many times (another writer).
  int interfere = 0;
  std::vector<std::string> live_dirs;
  int made = 0;

  Status make_dir(const std::string& path) override;
  Status remove_dir(const std::string& path) override;
  Status write_file(const std::string& path, std::span<const uint8_t> bytes) override;
  Result<std::vector<uint8_t>> read_file(const std::string& path, size_t max_bytes) override;

 private:
  std::array<uint8_t, 64> inblob_{};
  uint64_t generation_ = 0;
  int generation_reads_ = 0;
};

// The GHCB certificate table holding VCEK, ASK and ARK.
std::vector<uint8_t> snp_certificate_table(const std::vector<Certificate>& vcek_ask_ark);

class FakeNsm : public NsmDevice {
 public:
  explicit FakeNsm(TimePoint now);

  NitroTestPki pki;
  std::map<uint32_t, std::vector<uint8_t>> pcrs;
  uint8_t image_byte = 0x11;
  std::optional<std::string> error;  // answer {"Error": ...} instead

  Result<std::vector<uint8_t>> call(std::span<const uint8_t> request) override;
};

class FakeMetadata : public MetadataGetter {
 public:
  Result<std::string> answer = Status(StatusCode::kInternal, "no answer set");
  std::vector<std::string> paths;

  Result<std::string> get(std::string_view path, size_t max_bytes) override;
};

}  // namespace nightjar::attest::testing
