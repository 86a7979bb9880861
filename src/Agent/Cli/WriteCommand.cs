using System.CommandLine;

namespace Proxus.Agent.Cli;

/// <summary><c>write URL ADDRESS VALUE [--type T] [--order O] [--length N] [--timeout S] [--json]</c>: writes, reads back, prints.</summary>
internal static class WriteCommand
{
    public static Command Create(Func<string, string?> getEnvironmentVariable)
    {
        var common = new CommonOptions(getEnvironmentVariable);
        var address = new Argument<string>("address") { Description = "The address to write, e.g. HR100, DB40.DBD12 or ns=1;s=Setpoint" };
        var value = new Argument<string>("value") { Description = "The value in invariant culture: 12.5, -3, true, text, 2026-11-21T10:00:00" };
        var command = new Command("write", "Write one point, read it back and print ADDRESS = VALUE");
        common.AddTo(command);
        command.Add(address);
        command.Add(value);
        command.SetAction((result, cancellationToken) => AgentCli.ExecuteAsync(result, async (output, error) =>
        {
            var endpoint = common.GetEndpoint(result);
            var service = common.CreateService(result);
            var written = await service.WriteAsync(endpoint, result.GetRequiredValue(address), result.GetRequiredValue(value), common.GetFormat(result, 1), cancellationToken).ConfigureAwait(false);
            return await common.PrintAsync(result, [written], output, error).ConfigureAwait(false);
        }));
        return command;
    }
}
