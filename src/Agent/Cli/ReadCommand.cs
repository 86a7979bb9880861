using System.CommandLine;
using Proxus.Agent.Commissioning;

namespace Proxus.Agent.Cli;

/// <summary><c>read URL ADDRESS... [--type T] [--order O] [--count N] [--length N] [--timeout S] [--json]</c>.</summary>
internal static class ReadCommand
{
    public static Command Create(Func<string, string?> getEnvironmentVariable)
    {
        var common = new CommonOptions(getEnvironmentVariable);
        var addresses = new Argument<string[]>("address") { Description = "One or more addresses, e.g. HR100, 40001, DB40.DBD12, ns=1;s=Temperature", Arity = ArgumentArity.OneOrMore };
        var count = new Option<int>("--count", "-n") { Description = $"Consecutive values to read from each address (1..{PointFormat.MaxCount})", DefaultValueFactory = _ => 1 };
        var command = new Command("read", "Read points and print ADDRESS = VALUE per value (OPC UA: with the status code when not Good)");
        common.AddTo(command);
        command.Add(addresses);
        command.Add(count);
        command.SetAction((result, cancellationToken) => AgentCli.ExecuteAsync(result, async (output, error) =>
        {
            var endpoint = common.GetEndpoint(result);
            var service = common.CreateService(result);
            var values = await service.ReadAsync(endpoint, result.GetRequiredValue(addresses), common.GetFormat(result, result.GetValue(count)), cancellationToken).ConfigureAwait(false);
            return await common.PrintAsync(result, values, output, error).ConfigureAwait(false);
        }));
        return command;
    }
}
