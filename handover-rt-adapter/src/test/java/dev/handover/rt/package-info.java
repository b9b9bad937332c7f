/** Tests of the RT adapter that need no RT: settings, the reading of RT's answers, architecture and module. */
package dev.handover.rt;
