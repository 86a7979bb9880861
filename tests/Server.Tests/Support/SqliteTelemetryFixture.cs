namespace Proxus.Server.Tests.Support;

public sealed class SqliteTelemetryFixture() : TelemetryFixture(new SqliteTrustFixture());
