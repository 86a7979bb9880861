using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;

namespace Proxus.Server.Tests.Support;

/// <summary>Reads the real schema back from the database catalog: table -> column -> nullable.</summary>
public static class SchemaCatalog
{
    public static async Task<Dictionary<string, bool>> ColumnsAsync(ProxusDbContext db, string table)
    {
        var sql = db.Database.IsNpgsql()
            ? "SELECT column_name, is_nullable = 'YES' FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @t"
            : "SELECT name, \"notnull\" = 0 FROM pragma_table_info(@t)";
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        AddParameter(command, "@t", table);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new Dictionary<string, bool>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            columns[reader.GetString(0)] = Convert.ToBoolean(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return columns;
    }

    public static async Task<int> ExecuteAsync(ProxusDbContext db, string sql, params object[] parameters)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            AddParameter(command, "@p" + i, parameters[i]);
        }

        return await command.ExecuteNonQueryAsync();
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
