namespace AsyncBench.Benchmarks.Harness;

/// <summary>The checks several workloads' settings share: reading a variable, a writable folder.</summary>
public static class SettingValues
{
    /// <summary>The variable's value, or null when it is unset or blank.</summary>
    public static string? Value(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>Null when <paramref name="variable"/> is unset or names a writable folder; otherwise the error line.</summary>
    public static string? CheckWritableFolder(string variable)
    {
        if (Value(variable) is not { } folder)
        {
            return null;
        }

        if (!Directory.Exists(folder))
        {
            return $"{variable}='{folder}' is not an existing folder. Create it, or unset {variable} to use the system temp folder.";
        }

        var probe = Path.Combine(folder, $"asyncbench-probe-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{variable}='{folder}' is not writable ({ex.Message}). Point it at a folder you can write, or unset it.";
        }
    }
}
