import FuzzDriver

runFuzzer(fuzzTracks)
