// bench/peer_simdjson.cpp: the simdjson peer of bench_json (C++, built only
// for `make bench`). Parses FILE RUNS times with simdjson's DOM parser and
// walks the whole tree (every value visited, the way touchline's pull reader
// visits every token); prints "MEDIAN_MS EVENTS" for bench_json to show.
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

static long walk(simdjson::dom::element e)
{
    long n = 1;
    if (e.is_array()) {
        for (simdjson::dom::element c : e.get_array()) n += walk(c);
    } else if (e.is_object()) {
        for (auto field : e.get_object()) n += 1 + walk(field.value);
    }
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: peer_simdjson FILE RUNS\n");
        return 2;
    }
    simdjson::padded_string json;
    if (simdjson::padded_string::load(argv[1]).get(json)) {
        std::fprintf(stderr, "peer_simdjson: cannot read %s\n", argv[1]);
        return 1;
    }
    int runs = std::atoi(argv[2]);
    simdjson::dom::parser parser;
    std::vector<double> t;
    long events = -1, sink = 0;
    for (int r = 0; r < runs; r++) {
        auto t0 = std::chrono::steady_clock::now();
        simdjson::dom::element root;
        if (parser.parse(json).get(root)) return 1;
        sink += walk(root);
        events = (long)root.get_array().size();
        t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                        .count());
    }
    std::sort(t.begin(), t.end());
    std::printf("%.3f %ld %ld\n", t[t.size() / 2], events, sink > 0 ? 1L : 0L);
    return 0;
}
