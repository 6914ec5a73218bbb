// Bounded CBOR decoding through libcbor, for COSE_Sign1 and the Nitro attestation document.
//
// libcbor allocates a declared array or map size before reading its elements and frees nested
// items recursively, so untrusted input is first walked with its streaming decoder: definite
// lengths only, each declared count no larger than the bytes left (every element needs one),
// nesting and item count under CborLimits, exactly one top-level item. Only then is the tree built.
//
// CborItem owns one reference to a libcbor item. The accessors borrow: they return views into
// the item that live as long as it, and std::nullopt / nullptr when the type does not match.
// Thread safety: a decoded tree is immutable and may be read from several threads.
#pragma once

#include <cbor.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace nightjar::attest {

struct CborItemDeleter {
  void operator()(cbor_item_t* item) const { cbor_decref(&item); }
};
using CborItem = std::unique_ptr<cbor_item_t, CborItemDeleter>;

struct CborLimits {
  // NSM answers at most 0x3000 bytes; a little headroom for hand-made documents.
  size_t max_size = 16 * 1024;
  // COSE_Sign1 and the attestation document nest three deep (tag, array/map, array/map).
  uint32_t max_depth = 8;
  size_t max_items = 1024;
};

Result<CborItem> cbor_decode(std::span<const uint8_t> data, const CborLimits& limits = {});

// The serialization of `item` (libcbor writes the shortest form of every head).
std::vector<uint8_t> cbor_encode(const cbor_item_t* item);

// Writes definite-length CBOR with the shortest head for every item, straight into a byte
// vector: the few documents nightjar emits (NSM requests, the TPM evidence bundle) need nothing
// more. The caller writes exactly as many items as each map or array header declares.
class CborWriter {
 public:
  void map(size_t pairs) { head(5, pairs); }
  void array(size_t items) { head(4, items); }
  void integer(uint64_t value) { head(0, value); }
  void text(std::string_view text);
  void bytes(std::span<const uint8_t> bytes);
  void null() { out_.push_back(0xf6); }
  std::vector<uint8_t> take() { return std::move(out_); }

 private:
  void head(uint8_t major, uint64_t value);
  std::vector<uint8_t> out_;
};

std::optional<std::span<const uint8_t>> cbor_bytes(const cbor_item_t* item);
std::optional<std::string_view> cbor_text(const cbor_item_t* item);
std::optional<uint64_t> cbor_uint(const cbor_item_t* item);
// A major type 0 or 1 integer that fits in int64_t.
std::optional<int64_t> cbor_int(const cbor_item_t* item);
bool is_cbor_null(const cbor_item_t* item);

// The value under a text key (or an integer key) of a map; nullptr when absent or not a map.
// Duplicate keys are refused by the callers through cbor_map_has_duplicate_keys.
const cbor_item_t* cbor_map_get(const cbor_item_t* map, std::string_view text_key);
const cbor_item_t* cbor_map_get(const cbor_item_t* map, int64_t int_key);
bool cbor_map_has_duplicate_keys(const cbor_item_t* map);

}  // namespace nightjar::attest
