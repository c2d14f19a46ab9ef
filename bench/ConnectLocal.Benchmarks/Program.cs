using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/ConnectLocal.Benchmarks -- --filter '*'` runs every benchmark;
// BenchmarkDotNet's own switches (--filter, --job short, --list flat) apply.
BenchmarkSwitcher.FromAssembly(typeof(ConnectLocal.Benchmarks.Pipeline).Assembly).Run(args);
