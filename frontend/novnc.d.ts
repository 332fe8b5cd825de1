// noVNC ships no types; the console elements use it through this minimal declaration.
declare module '@novnc/novnc';
