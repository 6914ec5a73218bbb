#include "pcs/kzg/srs_pins.h"

#include "base/hex.h"

namespace nightjar::kzg {
namespace {

// From midnight-ledger base-crypto/src/data_provider.rs (EXPECTED_DATA); the test checks
// them against ../shared/vectors/midnight/srs/official-sha256.json.
constexpr const char* kPinsHex[] = {
    "59b30b3114a34ccbbfb599376e178fb8d9b3366cae2174c2f1da20e75847f823",  // 2p0
    "bbe04fe3c70d0c138447cb086b4baddc30cb8bb2a004114bc02e6f739516280e",  // 2p1
    "80e15568fa1a0117db893239be7fa5e34a6bcc3a8c3bfa7709534b9cb88eb6c1",  // 2p2
    "4be827a6472193df80d8f08b4b25a85baef436fdd1965d89b6af89f4ec4e99e2",  // 2p3
    "232f401fad10c7ddf8828d2aa4c85c6506c5da09795998cecaeb9f75fc8f6ada",  // 2p4
    "0a1c9229f315fc1868ff25f668fb83aec4d09f4f23a706b5197c692c619d72c6",  // 2p5
    "cf2ad6be7d0fedf5bec2aaa35f6be4aca33053d74268fdf5aa54fcb2891ea6df",  // 2p6
    "e82ae890c080188355f37feaffe91372584cd810615082d9143d4dec0453fd9d",  // 2p7
    "909b707551eaaea79828e883cde6fc46ab15986c3b1d791bed462c9e2805c933",  // 2p8
    "b9009f1098bcefffec3c461ab3a5e3a17f7e5599f0f08c70fcdc55a89227bcbd",  // 2p9
    "46b2290933cbed4c378889e4ba971f1a92888331ffb09466acd4ff61a1e2cb42",  // 2p10
    "9901589d7956ff58be0d85569b2f455b77b58c3758026ffb5bbe4807000b96d1",  // 2p11
    "ef08eb3fcf62df8f72c515cffa027e681808b530cb016eea104115545ef6d5c8",  // 2p12
    "d3324910969c4cc54143b8045b649e5c3a4bd5fb7b8f85fe1b770f640ce1c803",  // 2p13
    "fc253016885ec830e97808c9ec920bb5cab5c21af590380a6cb5eb0538e2b244",  // 2p14
    "724c7c3d779148bb113c7ee9c034b2f27db16e6bdf315fde90105a9bad00b1de",  // 2p15
    "09c877216d6589b370263e18af40a030a901b41a7a7c37ef58c9901db41f05c6",  // 2p16
    "4a9ef6c7c0619aab74eede44b13e753e3ba54508a02dd3b7106a949aabb73b74",  // 2p17
    "e8436dc5d8b598f169c127c745135d889744007e6d384ff126df8d1332522f86",  // 2p18
    "8e8dc15c4362f05c912f1e770559a3945db3e58a374def416ed5d3e65ad5b10e",  // 2p19
    "1cc62978558fdc1e445cd70cfd9a86ec3c2e2151b6d74811232d37faf9133ff1",  // 2p20
    "9cf1644a87f0f027ae5fc6278f91d823a6334ff3e338a29e2f2ef57d071ed64d",  // 2p21
    "e8ad5eed936d657a0fb59d2a55ba19f81a3083bb3554ef88f464f5377e9b2c2f",  // 2p22
    "09399d05f9f50875dfdd87dc9903d40c897eaafa9ec8cbb08bace853ecc36c0c",  // 2p23
    "b0e6fa7a4ab4a79a1e6560966f267556409db44bab6d5fab3711ad6c6b623207",  // 2p24
    "3289a751c938988cd2f54154d8722d1eda2cd11593064afdde82099b24ff4a58",  // 2p25
};

consteval uint8_t hex_digit(char c) {
  if (c >= '0' && c <= '9') return static_cast<uint8_t>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<uint8_t>(c - 'a' + 10);
  throw "not a lower-case hex digit";
}

// Parsed at compile time, so a malformed pin fails the build.
consteval std::array<Sha256Digest, std::size(kPinsHex)> parse_pins() {
  std::array<Sha256Digest, std::size(kPinsHex)> pins{};
  for (size_t k = 0; k < pins.size(); ++k) {
    const char* hex = kPinsHex[k];
    for (size_t i = 0; i < 32; ++i) {
      pins[k][i] = static_cast<uint8_t>(hex_digit(hex[2 * i]) << 4 | hex_digit(hex[2 * i + 1]));
    }
    if (hex[64] != '\0') throw "a pin is not 64 hex digits";
  }
  return pins;
}

constexpr std::array<Sha256Digest, std::size(kPinsHex)> kPins = parse_pins();

}  // namespace

std::optional<Sha256Digest> official_srs_sha256(uint32_t k) {
  if (k >= kPins.size()) return std::nullopt;
  return kPins[k];
}

Status check_official_srs_sha256(uint32_t k, const Sha256Digest& digest) {
  std::optional<Sha256Digest> pin = official_srs_sha256(k);
  if (!pin) {
    return Status(StatusCode::kNotFound, "no official SRS pin for k = " + std::to_string(k));
  }
  if (*pin != digest) {
    return Status(StatusCode::kDataLoss, "bls_midnight_2p" + std::to_string(k) + ": sha256 " +
                                             to_hex(digest) + ", official " + to_hex(*pin));
  }
  return Status::ok();
}

Status check_official_srs_file(const std::string& path, uint32_t k) {
  Result<Sha256Digest> digest = sha256_file(path);
  if (!digest.is_ok()) return digest.status();
  Status status = check_official_srs_sha256(k, *digest);
  if (!status.is_ok()) return Status(status.code(), path + ": " + status.message());
  return status;
}

}  // namespace nightjar::kzg
