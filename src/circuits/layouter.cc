#include "circuits/layouter.h"

#include <string>

namespace nightjar::circuits {

namespace {

// Region columns are keyed by kind: a column of each type, or a selector (RegionColumn).
constexpr uint64_t kSelectorKey = 3;

uint64_t column_key(plonk::Column c) {
  return (uint64_t{c.index} << 2) | static_cast<uint64_t>(c.type);
}
uint64_t selector_key(plonk::Selector s) { return (uint64_t{s.index} << 2) | kSelectorKey; }

}  // namespace

void Region::touch(uint64_t key, size_t offset) {
  if (std::find(columns_.begin(), columns_.end(), key) == columns_.end()) columns_.push_back(key);
  row_count_ = std::max(row_count_, offset + 1);
}

AssignedCell Region::assign_advice(plonk::Column column, size_t offset, const ff::Fr& value) {
  if (real_) {
    layouter_.write(column, start_ + offset, value);
  } else {
    touch(column_key(column), offset);
  }
  return {Cell{index_, static_cast<uint32_t>(offset), column}, value};
}

AssignedCell Region::assign_fixed(plonk::Column column, size_t offset, const ff::Fr& value) {
  return assign_advice(column, offset, value);
}

void Region::enable_selector(plonk::Selector selector, size_t offset) {
  if (!real_) {
    touch(selector_key(selector), offset);
    return;
  }
  if (layouter_.assignment_ == nullptr || !layouter_.row_usable(start_ + offset)) return;
  layouter_.assignment_->fixed[layouter_.num_fixed_ + selector.index][start_ + offset] =
      ff::Fr::one();
}

void Region::constrain_equal(const Cell& a, const Cell& b) {
  if (!real_) return;
  layouter_.copy(a.column, layouter_.abs_row(a), b.column, layouter_.abs_row(b));
}

void Table::assign_cell(plonk::Column column, size_t row, const ff::Fr& value) {
  if (std::find(layouter_.table_columns_.begin(), layouter_.table_columns_.end(), column) !=
      layouter_.table_columns_.end()) {
    layouter_.fail(Status(StatusCode::kInternal, "table column assigned twice"));
    return;
  }
  auto it = std::find_if(columns_.begin(), columns_.end(),
                         [&](const Column& c) { return c.column == column; });
  if (it == columns_.end()) {
    columns_.push_back(Column{column, ff::Fr::zero(), {}});
    it = columns_.end() - 1;
  }
  layouter_.write(column, row, value);
  if (row == 0) it->default_value = value;
  if (it->assigned.size() <= row) it->assigned.resize(row + 1, false);
  it->assigned[row] = true;
}

Layouter::Layouter(plonk::Assignment* assignment, size_t num_fixed, bool values_known)
    : assignment_(assignment), num_fixed_(num_fixed), values_known_(values_known) {}

void Layouter::fail(Status status) {
  if (status_.is_ok()) status_ = std::move(status);
}

bool Layouter::row_usable(size_t row) {
  if (assignment_ == nullptr || row < assignment_->usable_rows()) return true;
  fail(Status(StatusCode::kOutOfRange, "not enough rows available: circuit needs more than k = " +
                                           std::to_string(assignment_->k)));
  return false;
}

void Layouter::begin_region() {
  region_rows_.reset();
  region_all_fixed_ = true;
}

void Layouter::end_region() {
  if (!region_rows_) return;
  size_t& bound = region_all_fixed_ ? stats_.table_rows : stats_.rows;
  bound = std::max(bound, region_rows_->second + 1);
}

void Layouter::write(plonk::Column column, size_t row, const ff::Fr& value) {
  if (region_rows_) {
    region_rows_->first = std::min(region_rows_->first, row);
    region_rows_->second = std::max(region_rows_->second, row);
  } else {
    region_rows_ = std::make_pair(row, row);
  }
  if (column.type != plonk::ColumnType::kFixed) region_all_fixed_ = false;
  if (assignment_ == nullptr || !row_usable(row)) return;
  assignment_->column(column)[row] = value;
}

void Layouter::copy(plonk::Column a, size_t row_a, plonk::Column b, size_t row_b) {
  for (auto [column, row] : {std::pair{a, row_a}, std::pair{b, row_b}}) {
    if (column.type == plonk::ColumnType::kInstance) {
      stats_.instance_rows = std::max(stats_.instance_rows, row + 1);
    }
  }
  if (assignment_ == nullptr || !row_usable(row_a) || !row_usable(row_b)) return;
  assignment_->copies.push_back(
      {plonk::Cell{a, static_cast<uint32_t>(row_a)}, plonk::Cell{b, static_cast<uint32_t>(row_b)}});
}

void Layouter::constrain_instance(const AssignedCell& cell, plonk::Column instance, size_t row) {
  copy(cell.cell.column, abs_row(cell.cell), instance, row);
  if (assignment_ != nullptr && row < assignment_->usable_rows()) {
    assignment_->column(instance)[row] = cell.value;
  }
}

void Layouter::assign_table(const std::function<void(Table&)>& fn) {
  Table table(*this);
  begin_region();
  fn(table);
  end_region();
  size_t length = 0;
  for (const Table::Column& c : table.columns_) {
    const bool complete =
        std::all_of(c.assigned.begin(), c.assigned.end(), [](bool b) { return b; });
    if (c.assigned.empty() || !complete || (length != 0 && c.assigned.size() != length)) {
      fail(Status(StatusCode::kInternal, "table columns of unequal or gapped lengths"));
      return;
    }
    length = c.assigned.size();
  }
  for (const Table::Column& c : table.columns_) {
    table_columns_.push_back(c.column);
    if (assignment_ == nullptr || !row_usable(length)) continue;
    std::vector<ff::Fr>& values = assignment_->column(c.column);
    std::fill(values.begin() + length, values.begin() + assignment_->usable_rows(),
              c.default_value);
  }
}

}  // namespace nightjar::circuits
