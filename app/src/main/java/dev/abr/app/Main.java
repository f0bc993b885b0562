package dev.abr.app;

/** Entry point of the {@code abr} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(AbrCommand.commandLine().execute(args));
  }
}
