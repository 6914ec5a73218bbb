#include "attest/cbor.h"

#include <cstdlib>
#include <string>

namespace nightjar::attest {
namespace {

// State of the pre-scan: the elements still expected by each open container.
struct ScanState {
  const CborLimits* limits = nullptr;
  size_t remaining_input = 0;
  size_t items = 0;
  size_t events = 0;
  std::vector<uint64_t> open;
  const char* error = nullptr;

  void fail(const char* why) {
    if (error == nullptr) error = why;
  }
  // Called once per item head: takes a slot of the enclosing container.
  void item() {
    ++events;
    if (++items > limits->max_items) fail("too many CBOR items");
    if (!open.empty()) --open.back();
  }
  void close_finished() {
    while (!open.empty() && open.back() == 0) open.pop_back();
  }
  void container(uint64_t elements) {
    if (elements > remaining_input) fail("a CBOR container declares more elements than bytes left");
    if (elements == 0) return;
    if (open.size() >= limits->max_depth) fail("CBOR nesting too deep");
    open.push_back(elements);
  }
};

ScanState& state(void* context) { return *static_cast<ScanState*>(context); }

void on_uint8(void* c, uint8_t) { state(c).item(); }
void on_uint16(void* c, uint16_t) { state(c).item(); }
void on_uint32(void* c, uint32_t) { state(c).item(); }
void on_uint64(void* c, uint64_t) { state(c).item(); }
void on_string(void* c, cbor_data, size_t) { state(c).item(); }
void on_simple(void* c) { state(c).item(); }
void on_bool(void* c, bool) { state(c).item(); }
void on_float(void* c, float) { state(c).item(); }
void on_double(void* c, double) { state(c).item(); }
void on_indefinite(void* c) {
  state(c).item();
  state(c).fail("indefinite-length CBOR items are not accepted");
}
void on_array(void* c, size_t n) {
  state(c).item();
  state(c).container(n);
}
void on_map(void* c, size_t n) {
  state(c).item();
  if (n > SIZE_MAX / 2) {
    state(c).fail("a CBOR map declares too many pairs");
    return;
  }
  state(c).container(uint64_t{2} * n);
}
void on_tag(void* c, uint64_t) {
  state(c).item();
  state(c).container(1);
}

cbor_callbacks scan_callbacks() {
  cbor_callbacks cb = cbor_empty_callbacks;
  cb.uint8 = on_uint8;
  cb.uint16 = on_uint16;
  cb.uint32 = on_uint32;
  cb.uint64 = on_uint64;
  cb.negint8 = on_uint8;
  cb.negint16 = on_uint16;
  cb.negint32 = on_uint32;
  cb.negint64 = on_uint64;
  cb.byte_string = on_string;
  cb.string = on_string;
  cb.byte_string_start = on_indefinite;
  cb.string_start = on_indefinite;
  cb.indef_array_start = on_indefinite;
  cb.indef_map_start = on_indefinite;
  cb.indef_break = on_indefinite;
  cb.array_start = on_array;
  cb.map_start = on_map;
  cb.tag = on_tag;
  cb.float2 = on_float;
  cb.float4 = on_float;
  cb.float8 = on_double;
  cb.undefined = on_simple;
  cb.null = on_simple;
  cb.boolean = on_bool;
  return cb;
}

Status prescan(std::span<const uint8_t> data, const CborLimits& limits) {
  static const cbor_callbacks kCallbacks = scan_callbacks();
  ScanState scan;
  scan.limits = &limits;
  size_t pos = 0;
  bool top_level_done = false;
  while (pos < data.size()) {
    if (top_level_done) {
      return invalid_argument("CBOR: " + std::to_string(data.size() - pos) +
                              " trailing bytes after the top-level item");
    }
    scan.remaining_input = data.size() - pos;
    size_t events_before = scan.events;
    cbor_decoder_result r =
        cbor_stream_decode(data.data() + pos, data.size() - pos, &kCallbacks, &scan);
    if (r.status == CBOR_DECODER_NEDATA) {
      return invalid_argument("CBOR: truncated item at offset " + std::to_string(pos));
    }
    if (r.status != CBOR_DECODER_FINISHED || r.read == 0 || scan.events != events_before + 1) {
      return invalid_argument("CBOR: malformed or unsupported item at offset " +
                              std::to_string(pos));
    }
    if (scan.error != nullptr) {
      return invalid_argument(std::string("CBOR: ") + scan.error + " (offset " +
                              std::to_string(pos) + ")");
    }
    pos += r.read;
    scan.close_finished();
    top_level_done = scan.open.empty();
  }
  if (!top_level_done) return invalid_argument("CBOR: input ends inside an item");
  return Status::ok();
}

}  // namespace

Result<CborItem> cbor_decode(std::span<const uint8_t> data, const CborLimits& limits) {
  if (data.empty()) return invalid_argument("CBOR: empty input");
  if (data.size() > limits.max_size) {
    return invalid_argument("CBOR: input of " + std::to_string(data.size()) +
                            " bytes exceeds the limit of " + std::to_string(limits.max_size));
  }
  if (Status s = prescan(data, limits); !s.is_ok()) return s;
  cbor_load_result result;
  CborItem item(cbor_load(data.data(), data.size(), &result));
  if (item == nullptr || result.error.code != CBOR_ERR_NONE || result.read != data.size()) {
    return invalid_argument("CBOR: libcbor refused the input at offset " +
                            std::to_string(result.error.position));
  }
  return item;
}

std::vector<uint8_t> cbor_encode(const cbor_item_t* item) {
  unsigned char* buffer = nullptr;
  size_t capacity = 0;
  size_t written = cbor_serialize_alloc(item, &buffer, &capacity);
  NIGHTJAR_CHECK(written != 0 && buffer != nullptr);
  std::vector<uint8_t> out(buffer, buffer + written);
  std::free(buffer);
  return out;
}

void CborWriter::head(uint8_t major, uint64_t value) {
  const uint8_t type = static_cast<uint8_t>(major << 5);
  if (value < 24) {
    out_.push_back(static_cast<uint8_t>(type | value));
    return;
  }
  int bytes = value <= 0xff ? 1 : value <= 0xffff ? 2 : value <= 0xffffffff ? 4 : 8;
  out_.push_back(static_cast<uint8_t>(type | (bytes == 1   ? 24
                                              : bytes == 2 ? 25
                                              : bytes == 4 ? 26
                                                           : 27)));
  for (int i = bytes - 1; i >= 0; --i) out_.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

void CborWriter::text(std::string_view text) {
  head(3, text.size());
  out_.insert(out_.end(), text.begin(), text.end());
}

void CborWriter::bytes(std::span<const uint8_t> bytes) {
  head(2, bytes.size());
  out_.insert(out_.end(), bytes.begin(), bytes.end());
}

std::optional<std::span<const uint8_t>> cbor_bytes(const cbor_item_t* item) {
  if (item == nullptr || !cbor_isa_bytestring(item) || !cbor_bytestring_is_definite(item)) {
    return std::nullopt;
  }
  return std::span<const uint8_t>(cbor_bytestring_handle(item), cbor_bytestring_length(item));
}

std::optional<std::string_view> cbor_text(const cbor_item_t* item) {
  if (item == nullptr || !cbor_isa_string(item) || !cbor_string_is_definite(item)) {
    return std::nullopt;
  }
  return std::string_view(reinterpret_cast<const char*>(cbor_string_handle(item)),
                          cbor_string_length(item));
}

std::optional<uint64_t> cbor_uint(const cbor_item_t* item) {
  if (item == nullptr || !cbor_isa_uint(item)) return std::nullopt;
  return cbor_get_int(item);
}

std::optional<int64_t> cbor_int(const cbor_item_t* item) {
  if (item == nullptr) return std::nullopt;
  if (!cbor_isa_uint(item) && !cbor_isa_negint(item)) return std::nullopt;
  uint64_t magnitude = cbor_get_int(item);
  if (magnitude > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  // A negative integer n is stored as -1 - n.
  return cbor_isa_uint(item) ? static_cast<int64_t>(magnitude)
                             : -1 - static_cast<int64_t>(magnitude);
}

bool is_cbor_null(const cbor_item_t* item) {
  // libcbor's cbor_is_null asserts (aborts) when given a float rather than a simple value: only
  // a width-0 item of major type 7 may be asked for its control value.
  return item != nullptr && cbor_isa_float_ctrl(item) &&
         cbor_float_get_width(item) == CBOR_FLOAT_0 && cbor_ctrl_value(item) == CBOR_CTRL_NULL;
}

namespace {

bool key_equals_text(const cbor_item_t* key, std::string_view text) {
  std::optional<std::string_view> k = cbor_text(key);
  return k.has_value() && *k == text;
}

bool key_equals_int(const cbor_item_t* key, int64_t value) {
  std::optional<int64_t> k = cbor_int(key);
  return k.has_value() && *k == value;
}

bool keys_equal(const cbor_item_t* a, const cbor_item_t* b) {
  if (std::optional<std::string_view> t = cbor_text(a)) return key_equals_text(b, *t);
  if (std::optional<int64_t> i = cbor_int(a)) return key_equals_int(b, *i);
  return false;
}

}  // namespace

const cbor_item_t* cbor_map_get(const cbor_item_t* map, std::string_view text_key) {
  if (map == nullptr || !cbor_isa_map(map)) return nullptr;
  cbor_pair* pairs = cbor_map_handle(map);
  for (size_t i = 0; i < cbor_map_size(map); ++i) {
    if (key_equals_text(pairs[i].key, text_key)) return pairs[i].value;
  }
  return nullptr;
}

const cbor_item_t* cbor_map_get(const cbor_item_t* map, int64_t int_key) {
  if (map == nullptr || !cbor_isa_map(map)) return nullptr;
  cbor_pair* pairs = cbor_map_handle(map);
  for (size_t i = 0; i < cbor_map_size(map); ++i) {
    if (key_equals_int(pairs[i].key, int_key)) return pairs[i].value;
  }
  return nullptr;
}

bool cbor_map_has_duplicate_keys(const cbor_item_t* map) {
  if (map == nullptr || !cbor_isa_map(map)) return false;
  cbor_pair* pairs = cbor_map_handle(map);
  size_t n = cbor_map_size(map);
  // Maps here hold at most a few dozen keys (the item limit bounds them), so pairwise is fine.
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      if (keys_equal(pairs[i].key, pairs[j].key)) return true;
    }
  }
  return false;
}

}  // namespace nightjar::attest
