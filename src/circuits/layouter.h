// The layouter every Midnight circuit is synthesized with: midnight-proofs 0.7.1's
// SimpleFloorPlanner (`circuit/floor_planner/single_pass.rs`, SingleChipLayouter), its table
// layouter (`circuit/table_layouter.rs`) and the bookkeeping of the cost model's dry run
// (`dev/cost_model.rs`, DevAssembly), in one class that either fills a plonk::Assignment or only
// measures.
//
// Representation. A region is a function of a Region&; assign_region runs it twice, as the
// official layouter does: first against a shape (which records the columns and selectors it
// touches and its row count, and ignores values and copies), then for real. The region is placed
// at the first row where none of its columns is in use, and each of its columns is then in use up
// to start + row count. Cells are named as officially, (region index, row offset, column), so that
// cells compare and hash as AssignedCell does; abs_row() resolves them. Tables are assigned from
// row 0 of their columns and padded to the last usable row with their row-0 value. Instance cells
// are copy-constrained (constrain_instance), and the instance column is filled with the copied
// value, which is how the official prover's instance argument lines up with the synthesized one.
// Selectors become fixed columns numbered from `num_fixed` (the configured system's fixed count)
// in selector order, as convert_selectors_to_fixed numbers them.
//
// Errors. Gadget code never checks for failure: a write or copy past the usable rows, or a table
// column written twice, is dropped and the first such error is kept for status(), which callers
// check once synthesis is done.
// Measurement. Every real (non-shape) region records its lowest and highest absolute row and
// whether all its cells are fixed: such regions count as table rows in the cost model.
//
// Thread safety: single-threaded; a Layouter is used by one synthesis at a time.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/status.h"
#include "ff/fr.h"
#include "plonk/assignment.h"
#include "plonk/constraint_system.h"

namespace nightjar::circuits {

struct Cell {
  uint32_t region = 0;
  uint32_t offset = 0;
  plonk::Column column;
  friend bool operator==(const Cell&, const Cell&) = default;
};

struct CellHash {
  size_t operator()(const Cell& c) const {
    uint64_t h = (uint64_t{c.region} << 32) ^ c.offset;
    h = h * 0x9e3779b97f4a7c15ull ^ (uint64_t{c.column.index} << 2) ^
        static_cast<uint64_t>(c.column.type);
    return static_cast<size_t>(h ^ (h >> 29));
  }
};

// A cell and the value assigned to it (midnight-circuits AssignedNative). Values of a run without
// a witness are zero and meaningless.
struct AssignedCell {
  Cell cell;
  ff::Fr value;
  friend bool operator==(const AssignedCell& a, const AssignedCell& b) { return a.cell == b.cell; }
};

class Layouter;

// What a region function writes through. Offsets are relative to the region's first row.
class Region {
 public:
  AssignedCell assign_advice(plonk::Column column, size_t offset, const ff::Fr& value);
  AssignedCell assign_fixed(plonk::Column column, size_t offset, const ff::Fr& value);
  void enable_selector(plonk::Selector selector, size_t offset);
  // Ignored during the shape pass, like values.
  void constrain_equal(const Cell& a, const Cell& b);

 private:
  friend class Layouter;
  Region(Layouter& layouter, uint32_t index, bool real, size_t start)
      : layouter_(layouter), index_(index), real_(real), start_(start) {}
  void touch(uint64_t key, size_t offset);

  Layouter& layouter_;
  uint32_t index_;
  bool real_;
  size_t start_;
  std::vector<uint64_t> columns_;  // shape pass: region columns, deduplicated
  size_t row_count_ = 0;
};

// Table columns are fixed columns filled from row 0.
class Table {
 public:
  void assign_cell(plonk::Column column, size_t row, const ff::Fr& value);

 private:
  friend class Layouter;
  explicit Table(Layouter& layouter) : layouter_(layouter) {}

  struct Column {
    plonk::Column column;
    ff::Fr default_value;
    std::vector<bool> assigned;
  };
  Layouter& layouter_;
  std::vector<Column> columns_;
};

// What the cost model's dry run measures (dev::cost_model CostOptions).
struct LayoutStats {
  size_t rows = 0;           // highest row + 1 of regions with an advice cell
  size_t table_rows = 0;     // highest row + 1 of regions with only fixed cells
  size_t instance_rows = 0;  // highest instance row + 1 copied to
};

class Layouter {
 public:
  // `assignment` (nullable: a dry run) receives values, selectors and copies; `num_fixed` is the
  // configured system's fixed-column count, before selectors became fixed columns.
  // `values_known` says whether the run has a witness: official gadgets assign a few cells only
  // inside Value::map, i.e. only when values are known, and ask for it.
  Layouter(plonk::Assignment* assignment, size_t num_fixed, bool values_known);

  template <class Fn>
  auto assign_region(Fn&& fn) {
    const uint32_t index = static_cast<uint32_t>(region_starts_.size());
    Region shape(*this, index, false, 0);
    fn(shape);
    size_t start = 0;
    for (uint64_t key : shape.columns_) {
      auto it = column_next_row_.find(key);
      if (it != column_next_row_.end()) start = std::max(start, it->second);
    }
    region_starts_.push_back(start);
    for (uint64_t key : shape.columns_) column_next_row_[key] = start + shape.row_count_;
    Region real(*this, index, true, start);
    begin_region();
    if constexpr (std::is_void_v<decltype(fn(real))>) {
      fn(real);
      end_region();
    } else {
      auto result = fn(real);
      end_region();
      return result;
    }
  }

  void assign_table(const std::function<void(Table&)>& fn);

  // Copy-constrains `cell` to row `row` of the instance column and records its value there.
  void constrain_instance(const AssignedCell& cell, plonk::Column instance, size_t row);

  size_t abs_row(const Cell& cell) const { return region_starts_[cell.region] + cell.offset; }
  const Status& status() const { return status_; }
  bool values_known() const { return values_known_; }
  const LayoutStats& stats() const { return stats_; }

 private:
  friend class Region;
  friend class Table;

  void begin_region();
  void end_region();
  void write(plonk::Column column, size_t row, const ff::Fr& value);
  void copy(plonk::Column a, size_t row_a, plonk::Column b, size_t row_b);
  void fail(Status status);
  bool row_usable(size_t row);

  plonk::Assignment* assignment_;
  size_t num_fixed_;
  bool values_known_;
  std::vector<size_t> region_starts_;
  std::unordered_map<uint64_t, size_t> column_next_row_;
  std::vector<plonk::Column> table_columns_;
  Status status_;
  LayoutStats stats_;
  // The open real region's extent, for the stats.
  std::optional<std::pair<size_t, size_t>> region_rows_;
  bool region_all_fixed_ = true;
};

}  // namespace nightjar::circuits
