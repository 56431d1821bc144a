#include "cli/output_filter.hpp"

namespace gw::cli {

OutputFilter::OutputFilter(ModifierKind kind, std::optional<IosRegex> regex)
    : kind_(kind), regex_(std::move(regex)) {}

void OutputFilter::feed(std::string_view text) {
  while (!text.empty()) {
    const auto nl = text.find('\n');
    if (nl == std::string_view::npos) {
      partial_.append(text);
      return;
    }
    if (partial_.empty()) {
      line(text.substr(0, nl));
    } else {
      partial_.append(text.substr(0, nl));
      line(partial_);
      partial_.clear();
    }
    text.remove_prefix(nl + 1);
  }
}

void OutputFilter::line(std::string_view l) {
  ++seen_;
  auto keep = [this](std::string_view s) {
    out_.append(s);
    out_ += '\n';
  };
  switch (kind_) {
    case ModifierKind::include:
      if (matches(l)) keep(l);
      break;
    case ModifierKind::exclude:
      if (!matches(l)) keep(l);
      break;
    case ModifierKind::begin:
      if (!begun_ && matches(l)) begun_ = true;
      if (begun_) keep(l);
      break;
    case ModifierKind::count:
      if (matches(l)) ++matched_;
      break;
    case ModifierKind::section: {
      const bool child = !l.empty() && (l.front() == ' ' || l.front() == '\t');
      if (!child) {
        section_whole_ = matches(l);
        header_printed_ = section_whole_;
        if (section_whole_) {
          keep(l);
        } else {
          header_.assign(l);
        }
      } else if (section_whole_) {
        keep(l);
      } else if (matches(l)) {
        if (!header_printed_ && !header_.empty()) keep(header_);
        header_printed_ = true;
        keep(l);
      }
      break;
    }
  }
}

std::string OutputFilter::finish() {
  if (!partial_.empty()) {
    std::string last = std::move(partial_);
    partial_.clear();
    line(last);
  }
  if (kind_ == ModifierKind::count)
    out_ += "Number of lines which match regexp = " + std::to_string(matched_) + "\n";
  return std::move(out_);
}

}  // namespace gw::cli
