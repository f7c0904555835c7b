// Reading the inputs native bench drivers are given: a whole file, or its non-empty lines.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace flagport::bench {

inline std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::vector<std::string> read_lines(const char* path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace flagport::bench
