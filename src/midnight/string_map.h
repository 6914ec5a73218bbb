// `map(string,V)`: a compact entry count, then key (string) and value bodies. The official
// encoder sorts entries by key (bytewise); this decoder requires strictly increasing keys, since
// a repeated or unsorted key could not re-encode to the same bytes. The proof server's only map
// is the deprecated /prove-tx body's `map(string,proving-data)`.
//
// Thread safety: stateless functions.
#pragma once

#include <map>
#include <string>

#include "midnight/tagged.h"

namespace nightjar::midnight {

template <class V>
void read_string_map(Reader& r, std::map<std::string, V>& out) {
  Reader::Scope scope = r.nest("map");
  out.clear();
  // An entry takes at least a key length and a value byte.
  size_t n = r.count(sizeof(std::pair<const std::string, V>), 2);
  for (size_t i = 0; i < n && r.ok(); ++i) {
    scope.at(i);
    size_t at = r.offset();
    std::string key = r.string();
    if (!r.ok()) return;
    if (!out.empty() && !(out.rbegin()->first < key)) {
      r.fail_at(at, "map keys are not in strictly increasing order");
      return;
    }
    read_as(r, out[key]);
  }
}

template <class V>
void write_string_map(Writer& w, const std::map<std::string, V>& map) {
  w.compact(map.size());
  for (const auto& [key, value] : map) {
    w.string(key);
    Codec<V>::write(w, value);
  }
}

}  // namespace nightjar::midnight
