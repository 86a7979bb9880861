namespace Proxus.Server.Data.Migrations;

/// <summary>One reviewed SQL script: <c>NNNN_name.sql</c> for one provider.</summary>
/// <param name="Version">The number in the file name; distinct and ascending (reserved numbers may leave gaps).</param>
/// <param name="Name">The rest of the file name, e.g. <c>fleet</c>.</param>
/// <param name="Sql">The script, run in one transaction.</param>
/// <param name="Checksum">Hex SHA-256 of the script; an applied script that changed afterwards stops the server.</param>
public sealed record Migration(int Version, string Name, string Sql, string Checksum);
