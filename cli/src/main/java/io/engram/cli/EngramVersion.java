package io.engram.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version recorded in the jar manifest, or "development" when run from classes. */
final class EngramVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = EngramCommand.class.getPackage().getImplementationVersion();
    return new String[] {"engram " + (v == null ? "development" : v)};
  }
}
