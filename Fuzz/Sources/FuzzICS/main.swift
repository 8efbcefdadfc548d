import FuzzDriver

runFuzzer(fuzzICS)
