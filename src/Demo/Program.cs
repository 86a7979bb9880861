using System.Runtime.InteropServices;
using Proxus.Demo;

// ./proxus demo: proxus-demo --root <checkout> [--data-dir DIR]. The programs it starts come from
// the checkout's build outputs, or from those of the tree named by PROXUS_DEMO_PREBUILT.
using var stopping = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

if (!DemoArguments.TryParse(args, Environment.GetEnvironmentVariable(DemoPaths.PrebuiltVariable), out var paths, out var usage))
{
    await Console.Error.WriteLineAsync(usage);
    return 2;
}

try
{
    return await new DemoRunner(paths, Console.Out).RunAsync(stopping.Token);
}
catch (DemoException e)
{
    await Console.Error.WriteLineAsync("demo: " + e.Message);
    return 1;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}
