/** Tests of the RT adapter's transport: which answers a write is sent again after, and which it is not. */
package dev.handover.rt.http;
