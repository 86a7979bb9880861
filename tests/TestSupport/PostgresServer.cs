using System.Globalization;

namespace Proxus.TestSupport;

/// <summary>
/// A real, throw-away PostgreSQL server: <c>initdb</c> into a temporary directory, <c>pg_ctl start</c>
/// on a free loopback port (TCP on 127.0.0.1 only, its socket in the temporary directory, fsync off),
/// stopped by <c>pg_ctl stop -m immediate</c> and then by its process id. PostgreSQL refuses to run
/// as root, so when the tests run as root the server runs as the <c>postgres</c> OS user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Debian's PostgreSQL 15 binaries.</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private const string Superuser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly string _directory;
    private readonly string _dataDirectory;
    private readonly bool _runAsPostgres;

    private PostgresServer(string directory, bool runAsPostgres, int port, int processId)
    {
        _directory = directory;
        _dataDirectory = Path.Combine(directory, "data");
        _runAsPostgres = runAsPostgres;
        Port = port;
        ProcessId = processId;
    }

    public int Port { get; }

    /// <summary>The postmaster's process id.</summary>
    public int ProcessId { get; }

    public static bool IsInstalled => File.Exists(Path.Combine(BinDirectory, "pg_ctl"));

    public static async Task<PostgresServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("proxus-pg-").FullName;
        var runAsPostgres = Environment.UserName == "root";
        var data = Path.Combine(directory, "data");
        if (runAsPostgres)
        {
            await RunCheckedAsync("chown", ["-R", $"{Superuser}:{Superuser}", directory]);
        }

        await RunToolAsync(runAsPostgres, "initdb", ["-D", data, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--no-sync", "--no-instructions"]);
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.GetFree();
            var settings = string.Join(
                ' ',
                $"-p {port.ToString(CultureInfo.InvariantCulture)}",
                "-c listen_addresses=127.0.0.1",
                $"-c unix_socket_directories={directory}",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=200");
            try
            {
                await RunToolAsync(runAsPostgres, "pg_ctl", ["start", "-D", data, "-w", "-t", "60", "-l", Path.Combine(directory, "server.log"), "-o", settings]);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between GetFree and the bind: try another.
                continue;
            }

            var pid = int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            return new PostgresServer(directory, runAsPostgres, port, pid);
        }
    }

    /// <summary>An Npgsql connection string for a database on this server.</summary>
    public string ConnectionString(string database)
        => $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={Superuser};Database={database};Pooling=true;Timeout=30;Command Timeout=60";

    /// <summary>Creates an empty database with a fresh unique name and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "proxus_" + Guid.NewGuid().ToString("N");
        await RunCheckedAsync(Path.Combine(BinDirectory, "createdb"), ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", Superuser, name]);
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunToolAsync(_runAsPostgres, "pg_ctl", ["stop", "-D", _dataDirectory, "-m", "immediate", "-w", "-t", "30"]);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            KillPostmaster();
        }

        KillPostmaster();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary directory is cleaned by the OS.
        }
    }

    private void KillPostmaster()
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(ProcessId);
            if (!process.HasExited && process.ProcessName.Contains("postgres", StringComparison.Ordinal))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (ArgumentException)
        {
            // Not running any more.
        }
        catch (InvalidOperationException)
        {
            // Exited while we looked.
        }
    }

    private static Task RunToolAsync(bool runAsPostgres, string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(BinDirectory, tool);
        return runAsPostgres
            ? RunCheckedAsync("runuser", ["-u", Superuser, "--", path, .. arguments])
            : RunCheckedAsync(path, arguments);
    }

    private static async Task RunCheckedAsync(string fileName, IReadOnlyList<string> arguments)
    {
        await using var process = await ExternalProcess.RunAsync(fileName, arguments, CommandTimeout, workingDirectory: Path.GetTempPath());
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {process.StandardError} {process.StandardOutput}");
        }
    }
}
